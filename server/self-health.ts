import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { LoopDelay } from './contract';

/**
 * Measures how late this thread's event loop runs timers. Used on both the
 * server thread and the probe worker: a probe whose loop is delayed would
 * report the broker as slow when the slowness is ours.
 */
export class LoopDelayMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.histogram.enable();
  }

  /** The delay since the previous call, then starts a new window. */
  take(): LoopDelay {
    const h = this.histogram;
    const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
    // The histogram includes the sampling resolution itself; subtract it so an idle loop reads ~0.
    const out = { p50Ms: Math.max(0, ms(h.percentile(50)) - 10), p99Ms: Math.max(0, ms(h.percentile(99)) - 10), maxMs: Math.max(0, ms(h.max) - 10) };
    h.reset();
    return out;
  }

  stop(): void {
    this.histogram.disable();
  }
}
