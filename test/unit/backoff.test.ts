import { describe, expect, it } from 'vitest';
import { deliveryBackoff } from '../../server/alerts/delivery/backoff';
import { backoffMs, EQUAL_JITTER, type Backoff } from '../../server/backoff';

describe('backoffMs with equal jitter (notification delivery)', () => {
  const delivery = deliveryBackoff({ baseBackoffMs: 1000, maxBackoffMs: 60_000 });

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
    expect(backoffMs(failures, delivery, random)).toBe(expected);
  });

  it('treats 0 or fewer failures like the first', () => {
    expect(backoffMs(0, delivery, 0)).toBe(500);
    expect(backoffMs(-3, delivery, 0)).toBe(500);
  });

  it('never exceeds the cap and never drops below half the window', () => {
    for (let failures = 1; failures < 40; failures++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
        const d = backoffMs(failures, delivery, r);
        const window = Math.min(delivery.maxMs, delivery.baseMs * 2 ** (failures - 1));
        expect(d).toBeGreaterThanOrEqual(window / 2);
        expect(d).toBeLessThanOrEqual(delivery.maxMs);
      }
    }
  });
});

describe('backoffMs with equal jitter (probe and event-exchange reconnects)', () => {
  const reconnect: Backoff = { baseMs: 1000, maxMs: 30_000, jitter: EQUAL_JITTER };

  it.each([
    { attempt: 1, lo: 500, hi: 1000 },
    { attempt: 2, lo: 1000, hi: 2000 },
    { attempt: 3, lo: 2000, hi: 4000 },
    { attempt: 5, lo: 8000, hi: 16_000 },
    { attempt: 6, lo: 15_000, hi: 30_000 }, // 32 s ceiling capped at 30 s
    { attempt: 50, lo: 15_000, hi: 30_000 },
    { attempt: 10_000, lo: 15_000, hi: 30_000 },
  ])('attempt $attempt: $lo with random 0, $hi with random 1', ({ attempt, lo, hi }) => {
    expect(backoffMs(attempt, reconnect, 0)).toBe(lo);
    expect(backoffMs(attempt, reconnect, 1)).toBe(hi);
    expect(backoffMs(attempt, reconnect, 0.5)).toBe(Math.round(lo + (hi - lo) / 2));
  });

  it('never grows past the maximum, and grows until it reaches it', () => {
    const delays = Array.from({ length: 20 }, (_, i) => backoffMs(i + 1, { baseMs: 250, maxMs: 10_000, jitter: EQUAL_JITTER }, 1));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(10_000);
    expect(delays[0]).toBe(250);
  });
});

describe('backoffMs with a span around the window', () => {
  // The poller's shape (±20 %); test/unit/poller.test.ts walks its schedule.
  const around: Backoff = { baseMs: 5000, maxMs: 60_000, jitter: { from: 0.8, width: 0.4 } };

  it.each([
    [1, 0, 4000],
    [1, 0.5, 5000],
    [1, 1, 6000],
    [5, 0, 48_000], // 80 s capped at 60 s
    [5, 1, 72_000], // the span may reach past the cap
  ])('failure %i with random %d → %i ms', (failures, random, expected) => {
    expect(backoffMs(failures, around, random)).toBe(expected);
  });
});
