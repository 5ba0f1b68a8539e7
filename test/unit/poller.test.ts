import { describe, expect, it } from 'vitest';
import { nextDelayMs } from '../../server/sources/management/poller';

const INTERVAL = 5000;
const MAX = 60_000;
const mid = () => 0.5; // jitter factor exactly 1

describe('nextDelayMs', () => {
  it.each([
    // failures → delay with no jitter
    [0, 5000],
    [1, 5000],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [5, 60_000], // 80 000 capped
    [6, 60_000],
    [100, 60_000],
  ])('%i failures → %i ms', (failures, expected) => {
    expect(nextDelayMs(INTERVAL, failures, MAX, mid)).toBe(expected);
  });

  it('is exactly the interval while healthy, whatever the random source says', () => {
    expect(nextDelayMs(INTERVAL, 0, MAX, () => 0)).toBe(5000);
    expect(nextDelayMs(INTERVAL, 0, MAX, () => 0.999)).toBe(5000);
  });

  it.each([
    // failures, random → delay: ±20 % around the (capped) base
    [1, 0, 4000],
    [1, 1, 6000],
    [3, 0, 16_000],
    [3, 1, 24_000],
    [10, 0, 48_000],
    [10, 1, 72_000],
  ])('%i failures with random %f → %i ms', (failures, r, expected) => {
    expect(nextDelayMs(INTERVAL, failures, MAX, () => r)).toBe(expected);
  });

  it('stays within the jitter bounds for any random value', () => {
    for (let r = 0; r < 1; r += 0.05) {
      const d = nextDelayMs(INTERVAL, 3, MAX, () => r);
      expect(d).toBeGreaterThanOrEqual(16_000);
      expect(d).toBeLessThanOrEqual(24_000);
    }
  });

  it('does not overflow with a huge failure count', () => {
    expect(nextDelayMs(1000, 1e9, 30_000, mid)).toBe(30_000);
  });
});
