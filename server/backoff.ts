/**
 * Exponential backoff with jitter, for everything that retries: notification
 * delivery, the probe and event-exchange connections, the management poller.
 *
 * The window doubles from `baseMs` with each failure until it reaches
 * `maxMs`; the delay is drawn from `jitter`, a span given in windows. The
 * randomness keeps many clients that failed together (one outage) from
 * retrying in lock-step; where the span starts above zero, retries also do
 * not bunch at zero.
 */

export interface Backoff {
  /** The window after the first failure. */
  baseMs: number;
  /** The window grows no further than this. */
  maxMs: number;
  jitter: Jitter;
}

/** The delay is `window × from` plus up to `window × width` more, at random. */
export interface Jitter {
  from: number;
  width: number;
}

/** "Equal jitter": a random point in the upper half of the window. */
export const EQUAL_JITTER: Jitter = Object.freeze({ from: 0.5, width: 0.5 });

/**
 * Delay before retry number `failures` (1 after the first failed attempt; 0
 * or fewer count as 1). `random` is a number in [0, 1), passed in so the
 * function stays pure.
 */
export function backoffMs(failures: number, backoff: Backoff, random: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30); // 2^30 × base is past any sane cap; avoids Infinity
  const window = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  return Math.round(window * backoff.jitter.from + window * backoff.jitter.width * random);
}
