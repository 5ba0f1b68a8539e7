import type { TargetConfig } from '../../config/schema';
import type { PollFetcher } from './fetcher';
import { requestOptionsOf } from './http';

export interface CloseSweepOptions {
  target: TargetConfig;
  fetcher: PollFetcher;
  everyMs: number;
  /**
   * Whether a sweep is worth its request now. Closes reach rabbitpulse within
   * milliseconds through the event exchange when it is subscribed; the sweep
   * is the fallback for when it is not (plugin off, subscription down).
   */
  needed: () => boolean;
  /** The names open at `startedAt` (the request's start: nothing that opened later can be missing). */
  onLive: (names: string[], startedAt: number) => void;
  onError: (err: unknown) => void;
}

/**
 * Between full polls, asks the broker every `everyMs` which connections exist
 * (LIVE_CONNECTIONS_PATH: its connection-tracking table, about 30 ms and
 * 230 KB at 5,000 connections), so a close is seen within about a second
 * even without the event exchange, instead of at the next full poll
 * (BENCHMARKS.md, poll path). A failed or unusable answer is skipped: the
 * full poll reports the target's health.
 */
export class CloseSweeper {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: CloseSweepOptions) {}

  start(): void {
    if (this.opts.everyMs > 0) this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.sweep(), this.opts.everyMs);
    this.timer.unref();
  }

  private async sweep(): Promise<void> {
    try {
      if (!this.opts.needed()) return;
      const { target, fetcher } = this.opts;
      const startedAt = Date.now();
      // A sweep that takes longer than a few of its intervals is no help; give up on it sooner than a poll would.
      const names = await fetcher.liveConnections(requestOptionsOf(target, Math.min(target.requestTimeoutMs, Math.max(1000, this.opts.everyMs * 5))));
      if (names && !this.stopped) this.opts.onLive(names, startedAt);
    } catch (err) {
      this.opts.onError(err);
    } finally {
      this.schedule();
    }
  }
}
