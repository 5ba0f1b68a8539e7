import type { TargetConfig } from '../../config/schema';
import type { FetchOutcome, PollFetcher } from './fetcher';
import { requestOptionsOf } from './http';
import { backoffMs, type Jitter } from '../../backoff';

export interface PollerOptions {
  target: TargetConfig;
  fetcher: PollFetcher;
  concurrency: number;
  maxBackoffMs: number;
  /** Receives every outcome; must not throw (the poller keeps going regardless). */
  onOutcome: (outcome: FetchOutcome, meta: { attemptAt: number; nextPollAt: number }) => void;
  onError: (err: unknown) => void;
  random?: () => number;
}

/**
 * Polls one target forever: on cadence while it answers, with exponential
 * backoff and jitter while it does not, so a dead broker is not hammered and
 * many dashboards do not retry in lockstep. Targets never share a poller, so
 * one slow broker cannot delay another.
 */
export class ManagementPoller {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;

  constructor(private readonly opts: PollerOptions) {}

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const { target, fetcher, concurrency } = this.opts;
    const attemptAt = Date.now();
    const outcome = await fetcher.fetch(requestOptionsOf(target), concurrency);
    if (this.stopped) return;
    this.failures = outcome.ok ? 0 : this.failures + 1;
    const delay = nextDelayMs(target.pollIntervalMs, this.failures, this.opts.maxBackoffMs, this.opts.random ?? Math.random);
    // Keep the cadence anchored to the attempt's start, so a slow poll does not stretch the interval.
    const wait = Math.max(0, attemptAt + delay - Date.now());
    try {
      this.opts.onOutcome(outcome, { attemptAt, nextPollAt: Date.now() + wait });
    } catch (err) {
      this.opts.onError(err);
    }
    this.schedule(wait);
  }
}

/** ±20 % around the window: the first retry comes about one interval after the failure, as a healthy poll would. */
const POLL_JITTER: Jitter = Object.freeze({ from: 0.8, width: 0.4 });

/** Interval while healthy; interval × 2^(failures−1), capped, ±20 % jitter while failing. */
export function nextDelayMs(intervalMs: number, failures: number, maxBackoffMs: number, random: () => number): number {
  if (failures === 0) return intervalMs;
  return backoffMs(failures, { baseMs: intervalMs, maxMs: maxBackoffMs, jitter: POLL_JITTER }, random());
}
