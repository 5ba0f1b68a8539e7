import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../server/log';
import { RateLimitedLog } from '../../server/rate-limited-log';

/** Every line written, as "level message". */
function capture(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) },
  };
}

describe('RateLimitedLog', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('writes the first line at once, then one per window with the count of those left out', async () => {
    const { log, lines } = capture();
    const limited = new RateLimitedLog(log, { everyMs: 60_000 });
    limited.error('store', 'failed 1');
    expect(lines).toEqual(['error failed 1']);

    // A failure every 250 ms for five minutes: 1,200 calls.
    for (let i = 2; i <= 1200; i++) {
      await vi.advanceTimersByTimeAsync(250);
      limited.error('store', `failed ${i}`);
    }
    await vi.advanceTimersByTimeAsync(60_000); // the last window ends
    expect(lines.length).toBeLessThanOrEqual(1 + 5 + 1);
    expect(lines[1]).toBe('error failed 240 (238 more lines on this left out in the last 60 s)');
    expect(lines.at(-1)).toMatch(/^error failed 1200 \(\d+ more lines on this left out in the last 60 s\)$/);
  });

  it('writes a lone repeat at the end of its window, not never', async () => {
    const { log, lines } = capture();
    const limited = new RateLimitedLog(log, { everyMs: 10_000 });
    limited.error('store', 'down');
    await vi.advanceTimersByTimeAsync(1000);
    limited.info('store', 'back');
    expect(lines).toEqual(['error down']);
    await vi.advanceTimersByTimeAsync(9000);
    expect(lines).toEqual(['error down', 'info back']);
  });

  it('keeps the last word current when a condition flaps: the latest line wins, the rest are counted', async () => {
    const { log, lines } = capture();
    const limited = new RateLimitedLog(log, { everyMs: 10_000 });
    for (let i = 0; i < 20; i++) {
      limited.error('store', 'down');
      await vi.advanceTimersByTimeAsync(100);
      limited.info('store', 'back');
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(lines).toEqual(['error down', 'info back (38 more lines on this left out in the last 10 s)']);
  });

  it('limits each key on its own', () => {
    const { log, lines } = capture();
    const limited = new RateLimitedLog(log, { everyMs: 60_000 });
    limited.error('read', 'cannot read');
    limited.error('write', 'cannot write');
    limited.error('read', 'cannot read');
    expect(lines).toEqual(['error cannot read', 'error cannot write']);
  });

  it('writes again at once after a quiet window, with nothing to count', async () => {
    const { log, lines } = capture();
    const limited = new RateLimitedLog(log, { everyMs: 1000 });
    limited.warn('k', 'one');
    await vi.advanceTimersByTimeAsync(5000);
    limited.warn('k', 'two');
    expect(lines).toEqual(['warn one', 'warn two']);
  });

  it('flush() writes what is held without waiting', () => {
    const { log, lines } = capture();
    const limited = new RateLimitedLog(log, { everyMs: 60_000 });
    limited.error('k', 'one');
    limited.error('k', 'two');
    limited.error('k', 'three');
    limited.flush();
    expect(lines).toEqual(['error one', 'error three (1 more line on this left out in the last 0 s)']);
    limited.flush();
    expect(lines).toHaveLength(2);
  });
});
