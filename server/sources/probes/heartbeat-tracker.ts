import type { HeartbeatStats } from '../../contract';
import { mean, RecentWindow, stddev } from '../../analysis/percentiles';
import type { Tuning, WireTap } from './amqplib-adapter';

/**
 * Turns the wire tap's timestamps into heartbeat statistics for one probe
 * connection. Note that the broker only sends a heartbeat frame when it has
 * sent nothing else for timeout/2, so on a busy connection frames are rare;
 * the inbound gap (time between any two inbound reads) is what the
 * heartbeat timeout is really judged by, on both sides.
 */
export class HeartbeatTracker implements WireTap {
  private tuning: Tuning | null = null;
  private lastInboundHeartbeatAt: number | null = null;
  private lastOutboundHeartbeatAt: number | null = null;
  private lastInboundAt: number | null = null;
  private inboundHeartbeats = 0;
  private outboundHeartbeats = 0;
  private readonly intervals = new RecentWindow(50, 10 * 60_000);
  private readonly gaps = new RecentWindow(600, 60_000);

  /** A new connection: forget the old one's timings, keep the counters. */
  connected(tuning: Tuning, at: number): void {
    this.tuning = tuning;
    this.lastInboundHeartbeatAt = null;
    this.lastInboundAt = at;
    this.intervals.clear();
  }

  disconnected(): void {
    this.tuning = null;
  }

  inboundHeartbeat(at: number): void {
    if (this.lastInboundHeartbeatAt !== null) this.intervals.add(at, at - this.lastInboundHeartbeatAt);
    this.lastInboundHeartbeatAt = at;
    this.inboundHeartbeats++;
  }

  outboundHeartbeat(at: number): void {
    this.lastOutboundHeartbeatAt = at;
    this.outboundHeartbeats++;
  }

  inboundBytes(at: number): void {
    if (this.lastInboundAt !== null) this.gaps.add(at, at - this.lastInboundAt);
    this.lastInboundAt = at;
  }

  /** The most recent heartbeat interval, for charts. */
  lastIntervalMs(now: number): number | null {
    const v = this.intervals.values(now);
    return v.length ? v[v.length - 1]! : null;
  }

  stats(now: number): HeartbeatStats {
    const timeoutSec = this.tuning?.heartbeatSec ?? null;
    const intervals = this.intervals.values(now);
    const gaps = this.gaps.values(now);
    const up = this.tuning !== null;
    const silenceMs = up && this.lastInboundAt !== null ? Math.max(0, now - this.lastInboundAt) : null;
    return {
      timeoutSec,
      frameMax: this.tuning?.frameMax ?? null,
      expectedIntervalMs: timeoutSec ? (timeoutSec * 1000) / 2 : null,
      lastInboundHeartbeatAt: this.lastInboundHeartbeatAt,
      lastOutboundHeartbeatAt: this.lastOutboundHeartbeatAt,
      lastInboundAt: this.lastInboundAt,
      inboundHeartbeats: this.inboundHeartbeats,
      outboundHeartbeats: this.outboundHeartbeats,
      intervalMeanMs: round(mean(intervals)),
      intervalJitterMs: round(stddev(intervals)),
      intervalMaxMs: intervals.length ? Math.max(...intervals) : null,
      inboundGapMaxMs: gaps.length ? Math.max(...gaps, silenceMs ?? 0) : silenceMs,
      silenceMs,
      marginMs: timeoutSec && silenceMs !== null ? timeoutSec * 1000 - silenceMs : null,
    };
  }
}

const round = (v: number | null) => (v === null ? null : Math.round(v));
