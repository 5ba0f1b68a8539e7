import type { ConnectionHealth, ConnectionSample, ProbeSample, QueueHealth, QueueSample, TargetSample } from '../contract';
import { SampleRing } from './sample-ring';

/** Series of connections that closed are kept a while so their page can still chart them. */
const CLOSED_SERIES_KEPT = 500;
const PROBE_FIELDS = 7;

/**
 * The chart series of one target, in typed-array rings: the target's own,
 * one per connection and queue (a point per good poll), and the probe's (a
 * point a second). A closed connection's series is kept for a while.
 */
export class TargetSeries {
  private readonly target: SampleRing;
  private readonly connections = new Map<string, SampleRing>();
  private readonly closed = new Map<string, SampleRing>();
  private readonly queues = new Map<string, SampleRing>();
  private readonly probe: SampleRing;

  constructor(private readonly samplesPerSeries: number) {
    this.target = new SampleRing(samplesPerSeries, 4);
    // Probe points come every second: keep the same wall-clock span as the poll charts at 5 s (×5 points).
    this.probe = new SampleRing(samplesPerSeries * 5, PROBE_FIELDS);
  }

  recordPoll(
    sample: TargetSample,
    connections: readonly ConnectionHealth[],
    queues: readonly QueueHealth[],
    closedIds: readonly string[],
    removedQueues: readonly string[],
  ): void {
    this.target.push(sample.at, [sample.connections, sample.channels, sample.ready, sample.unacked]);
    for (const c of connections) {
      ringFor(this.connections, c.id, this.samplesPerSeries, 3).push(sample.at, [c.silenceSec, c.heartbeatMarginSec, c.unacked]);
    }
    for (const q of queues) ringFor(this.queues, q.id, this.samplesPerSeries, 2).push(sample.at, [q.ready, q.unacked]);
    for (const id of closedIds) this.connectionClosed(id);
    for (const id of removedQueues) this.queues.delete(id);
  }

  /** Moves a connection's series to the closed ones, dropping the oldest beyond the limit. */
  connectionClosed(connectionId: string): void {
    const ring = this.connections.get(connectionId);
    this.connections.delete(connectionId);
    if (ring) this.closed.set(connectionId, ring);
    while (this.closed.size > CLOSED_SERIES_KEPT) this.closed.delete(this.closed.keys().next().value!);
  }

  recordProbe(sample: ProbeSample): void {
    this.probe.push(sample.at, [
      sample.silenceMs, sample.marginMs, sample.heartbeatIntervalMs, sample.confirmP50Ms, sample.confirmP99Ms, sample.deliverP50Ms, sample.deliverP99Ms,
    ]);
  }

  probeSamples(): ProbeSample[] {
    return this.probe.read().map(({ at, values: [silenceMs, marginMs, heartbeatIntervalMs, confirmP50Ms, confirmP99Ms, deliverP50Ms, deliverP99Ms] }) => ({
      at,
      silenceMs: silenceMs ?? null,
      marginMs: marginMs ?? null,
      heartbeatIntervalMs: heartbeatIntervalMs ?? null,
      confirmP50Ms: confirmP50Ms ?? null,
      confirmP99Ms: confirmP99Ms ?? null,
      deliverP50Ms: deliverP50Ms ?? null,
      deliverP99Ms: deliverP99Ms ?? null,
    }));
  }

  targetSamples(): TargetSample[] {
    return this.target.read().map(({ at, values: [connections, channels, ready, unacked] }) => ({
      at,
      connections: connections ?? 0,
      channels: channels ?? 0,
      ready: ready ?? 0,
      unacked: unacked ?? 0,
    }));
  }

  connectionSamples(connectionId: string): ConnectionSample[] | null {
    const ring = this.connections.get(connectionId) ?? this.closed.get(connectionId);
    if (!ring) return null;
    return ring.read().map(({ at, values: [silence, margin, unacked] }) => ({
      at,
      silenceSec: tenthsOrNull(silence),
      heartbeatMarginSec: tenthsOrNull(margin),
      unacked: unacked ?? 0,
    }));
  }

  queueSamples(queueId: string): QueueSample[] | null {
    const ring = this.queues.get(queueId);
    if (!ring) return null;
    return ring.read().map(({ at, values: [ready, unacked] }) => ({ at, ready: ready ?? 0, unacked: unacked ?? 0 }));
  }
}

function ringFor(map: Map<string, SampleRing>, id: string, capacity: number, fields: number): SampleRing {
  let ring = map.get(id);
  if (!ring) {
    ring = new SampleRing(capacity, fields);
    map.set(id, ring);
  }
  return ring;
}

/** Float32 storage turns 4.2 into 4.19999…; give back what was stored. */
const tenthsOrNull = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
