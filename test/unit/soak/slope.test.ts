import { describe, expect, it } from 'vitest';
import { slopePerMinute, type Sample } from '../../../scripts/soak/slope';

const at = (atMin: number, rssMb: number, heapMb: number | null = null): Sample => ({ atMin, rssMb, heapMb });

describe('slopePerMinute', () => {
  it('is the least-squares slope of the samples from the given minute on', () => {
    const samples = [at(0, 500), at(5, 200), at(10, 210), at(15, 220), at(20, 230)];
    expect(slopePerMinute(samples, 10, (s) => s.rssMb)).toBeCloseTo(2, 10); // warm-up spike left out
    expect(slopePerMinute(samples, 0, (s) => s.rssMb)).toBeLessThan(0);
  });
  it('skips missing figures and needs two points', () => {
    expect(slopePerMinute([at(0, 1, null), at(1, 1, 5)], 0, (s) => s.heapMb)).toBeNull();
    expect(slopePerMinute([at(0, 1, 4), at(2, 1, null), at(4, 1, 8)], 0, (s) => s.heapMb)).toBeCloseTo(1, 10);
  });
  it('is zero for a flat series', () => {
    expect(slopePerMinute([at(0, 7), at(1, 7), at(2, 7)], 0, (s) => s.rssMb)).toBe(0);
  });
});
