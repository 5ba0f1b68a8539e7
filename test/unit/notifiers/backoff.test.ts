import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../server/alerts/delivery/backoff';

const cfg = { baseBackoffMs: 1000, maxBackoffMs: 60_000 };

describe('backoffMs', () => {
  it.each([
    // failures, random, delay: the window doubles from base; the delay lies in its upper half
    [1, 0, 500],
    [1, 0.999_999, 1000],
    [2, 0, 1000],
    [2, 0.5, 1500],
    [3, 0, 2000],
    [4, 0.999_999, 8000],
    [6, 0, 16_000],
    [7, 0, 30_000], // window 64 s capped at 60 s: half of the cap
    [7, 0.999_999, 60_000],
    [20, 0, 30_000],
    [20, 0.999_999, 60_000],
    [10_000, 0.5, 45_000], // huge counts do not overflow
  ])('failure %i with random %d → %i ms', (failures, random, expected) => {
    expect(backoffMs(failures, cfg, random)).toBe(expected);
  });

  it('treats 0 or fewer failures like the first', () => {
    expect(backoffMs(0, cfg, 0)).toBe(500);
  });

  it('never exceeds the cap and never drops below half the window', () => {
    for (let failures = 1; failures < 40; failures++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
        const d = backoffMs(failures, cfg, r);
        const window = Math.min(cfg.maxBackoffMs, cfg.baseBackoffMs * 2 ** (failures - 1));
        expect(d).toBeGreaterThanOrEqual(window / 2);
        expect(d).toBeLessThanOrEqual(cfg.maxBackoffMs);
      }
    }
  });
});
