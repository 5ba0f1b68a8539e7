import type { ChannelHealth, ConsumerTimeoutSource } from '../contract';

/**
 * How close a channel is to the broker's consumer timeout, from the countdown
 * the server sends (`unackedSince`, a lower bound of the oldest unacked
 * delivery's age; see server/analysis/unacked-age.ts). Shared by the rule and
 * the browser, which computes the age from its own clock so the wire never
 * carries a value that changes at every poll.
 */

/** The UI warns from half the timeout (the rule's default) and is critical from 80 %. */
export const WARN_FRACTION = 0.5;
export const CRIT_FRACTION = 0.8;

export type TimeoutRiskLevel = 'ok' | 'warn' | 'crit';

export interface TimeoutRisk {
  /** At least this old, in ms. */
  ageMs: number;
  timeoutMs: number;
  source: ConsumerTimeoutSource | null;
  /** ageMs / timeoutMs. */
  fraction: number;
  level: TimeoutRiskLevel;
}

type Countdown = Pick<ChannelHealth, 'unacked' | 'unackedSince' | 'consumerTimeoutMs' | 'consumerTimeoutSource'>;

/** The oldest unacked delivery's age at least, at `now`; null when no countdown runs. */
export function oldestUnackedMs(ch: Pick<ChannelHealth, 'unacked' | 'unackedSince'>, now: number): number | null {
  if (ch.unackedSince === null || ch.unacked <= 0) return null;
  return Math.max(0, now - ch.unackedSince);
}

/** Null when no countdown runs or no timeout applies. */
export function channelTimeoutRisk(ch: Countdown, now: number): TimeoutRisk | null {
  const ageMs = oldestUnackedMs(ch, now);
  const timeoutMs = ch.consumerTimeoutMs;
  if (ageMs === null || timeoutMs === null || timeoutMs <= 0) return null;
  const fraction = ageMs / timeoutMs;
  const level = fraction >= CRIT_FRACTION ? 'crit' : fraction >= WARN_FRACTION ? 'warn' : 'ok';
  return { ageMs, timeoutMs, source: ch.consumerTimeoutSource, fraction, level };
}

export const TIMEOUT_SOURCE_WORDS: Record<ConsumerTimeoutSource, string> = {
  'queue-argument': 'queue argument',
  policy: 'policy',
  // alerts.consumerTimeoutMs, standing for the broker's consumer_timeout.
  config: 'broker-wide',
};

/**
 * An age that is a lower bound, rounded down so "≥" stays true: "45 s",
 * "16 min", "2 h 5 min". Whole minutes from one minute on, so alert texts
 * do not change at every poll; `seconds` keeps them below 10 minutes
 * ("3 min 12 s"), for a page whose clock ticks.
 */
export function fmtAtLeast(ms: number, opts: { seconds?: boolean } = {}): string {
  const sec = Math.floor(Math.max(0, ms) / 1000);
  if (sec < 60) return `${sec} s`;
  const min = Math.floor(sec / 60);
  if (opts.seconds && min < 10 && sec % 60 !== 0) return `${min} min ${sec % 60} s`;
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
}

/** A configured timeout, exactly: "20 s", "30 min", "1 min 30 s", "2 h". */
export function fmtTimeout(ms: number): string {
  if (ms % 1000 !== 0) return `${ms} ms`;
  const sec = ms / 1000;
  if (sec < 60) return `${sec} s`;
  const parts: string[] = [];
  const h = Math.floor(sec / 3600);
  const min = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  if (h) parts.push(`${h} h`);
  if (min) parts.push(`${min} min`);
  if (s) parts.push(`${s} s`);
  return parts.join(' ');
}
