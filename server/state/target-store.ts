import type { TargetConfig } from '../config/schema';
import type {
  ConnectionHealth,
  ConnectionSample,
  ProbeSample,
  ProbeState,
  QueueHealth,
  QueueSample,
  TargetDelta,
  TargetSample,
  TargetState,
  TargetStatus,
  TargetSummary,
} from '../contract';
import { detectClosed, type ClosedConnection } from '../analysis/closures';
import { deriveConnections, trackRecv, type RecvTrack } from '../analysis/connections';
import { diffById } from '../analysis/diff';
import { deriveQueues } from '../analysis/queues';
import { connectionKey } from '../analysis/silence';
import { deriveNodes, deriveOverview, deriveTotals, sampleOf } from '../analysis/summary';
import type { FetchOutcome } from '../sources/management/fetcher';
import { SampleRing } from './sample-ring';

type Indexed<T> = Map<string, { item: T; key: string }>;

/** Series of connections that closed are kept a while so their page can still chart them. */
const CLOSED_SERIES_KEPT = 500;
/**
 * A connection the event exchange reported closed may still be listed by the
 * management API for a poll or two (its stats lag); ignore it that long so
 * one close stays one event.
 */
const RECENTLY_CLOSED_MS = 5 * 60_000;
const PROBE_FIELDS = 7;

/**
 * Everything known about one target. The only writer is `applyOutcome`,
 * called once per poll; it returns what changed so the hub can publish it.
 */
export class TargetStore {
  private summary: TargetSummary;
  private connections: Indexed<ConnectionHealth> = new Map();
  private queues: Indexed<QueueHealth> = new Map();
  private tracks: Map<string, RecvTrack> = new Map();
  private lastGoodObservedAt: number | null = null;
  private readonly targetSeries: SampleRing;
  private readonly connectionSeries = new Map<string, SampleRing>();
  private readonly closedSeries = new Map<string, SampleRing>();
  private readonly queueSeries = new Map<string, SampleRing>();
  private readonly recentlyClosed = new Map<string, number>();
  private probe: ProbeState | null = null;
  private readonly probeSeries: SampleRing;

  constructor(
    target: TargetConfig,
    private readonly samplesPerSeries: number,
  ) {
    this.targetSeries = new SampleRing(samplesPerSeries, 4);
    // Probe points come every second: keep the same wall-clock span as the poll charts at 5 s (×5 points).
    this.probeSeries = new SampleRing(samplesPerSeries * 5, PROBE_FIELDS);
    this.summary = {
      id: target.id,
      displayName: target.name,
      managementUrl: target.managementUrl,
      status: {
        kind: 'starting',
        message: 'Waiting for the first poll of the management API.',
        lastGoodAt: null,
        lastPollAt: null,
        lastPollDurationMs: null,
        consecutiveFailures: 0,
        nextPollAt: null,
      },
      overview: null,
      nodes: [],
      totals: null,
      observedAt: null,
    };
  }

  get id(): string {
    return this.summary.id;
  }

  get displayName(): string {
    return this.summary.displayName;
  }

  applyOutcome(outcome: FetchOutcome, meta: { attemptAt: number; nextPollAt: number }): { delta: TargetDelta; closed: ClosedConnection[] } {
    return outcome.ok ? this.applyPoll(outcome.poll, meta.nextPollAt) : this.applyFailure(outcome.failure, meta);
  }

  private applyPoll(poll: Extract<FetchOutcome, { ok: true }>['poll'], nextPollAt: number): { delta: TargetDelta; closed: ClosedConnection[] } {
    const at = poll.startedAt;
    this.pruneRecentlyClosed(at);
    const raw = this.recentlyClosed.size ? poll.connections.filter((c) => !this.recentlyClosed.has(c.name)) : poll.connections;
    this.tracks = trackRecv(this.tracks, raw, at);
    const connections = deriveConnections(raw, poll.channels, poll.consumers, this.tracks, at);
    const queues = deriveQueues(poll.queues);
    const currentIds = new Set(connections.map((c) => c.id));
    const previous = new Map([...this.connections].map(([id, v]) => [id, v.item]));
    const closed = this.lastGoodObservedAt === null ? [] : detectClosed(previous, currentIds, this.lastGoodObservedAt, at).filter(
            // rabbitpulse's own connections are reported by the probes, with exact causes.
            (c) => !this.recentlyClosed.has(c.lastKnown.id) && !previous.get(c.lastKnown.id)?.own,
          );

    const connDiff = diffById(this.connections, connections, connectionKey);
    const queueDiff = diffById(this.queues, queues);
    this.connections = connDiff.index;
    this.queues = queueDiff.index;
    this.lastGoodObservedAt = at;

    const totals = deriveTotals(connections, queues);
    const status: TargetStatus = {
      kind: 'ok',
      message: `Polled ${totals.connections} connections and ${totals.queues} queues in ${poll.finishedAt - poll.startedAt} ms.`,
      lastGoodAt: poll.finishedAt,
      lastPollAt: poll.finishedAt,
      lastPollDurationMs: poll.finishedAt - poll.startedAt,
      consecutiveFailures: 0,
      nextPollAt,
    };
    this.summary = { ...this.summary, status, overview: deriveOverview(poll.overview), nodes: deriveNodes(poll.nodes), totals, observedAt: at };
    const sample = sampleOf(at, totals);
    this.recordSeries(sample, connections, queues, connDiff.removals, queueDiff.removals);

    return {
      delta: {
        targetId: this.id,
        summary: this.summary,
        upsertConnections: connDiff.upserts,
        removeConnections: connDiff.removals,
        upsertQueues: queueDiff.upserts,
        removeQueues: queueDiff.removals,
        sample,
      },
      closed,
    };
  }

  private applyFailure(
    failure: Extract<FetchOutcome, { ok: false }>['failure'],
    meta: { attemptAt: number; nextPollAt: number },
  ): { delta: TargetDelta; closed: ClosedConnection[] } {
    const prev = this.summary.status;
    // Objects stay as last seen (the UI marks them stale by the status); no closes are inferred from a failed poll.
    this.summary = {
      ...this.summary,
      status: {
        kind: failure.kind,
        message: failure.message,
        lastGoodAt: prev.lastGoodAt,
        lastPollAt: Date.now(),
        lastPollDurationMs: prev.lastPollDurationMs,
        consecutiveFailures: prev.consecutiveFailures + 1,
        nextPollAt: meta.nextPollAt,
      },
    };
    return {
      delta: { targetId: this.id, summary: this.summary, upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [] },
      closed: [],
    };
  }

  private recordSeries(
    sample: TargetSample,
    connections: readonly ConnectionHealth[],
    queues: readonly QueueHealth[],
    closedIds: readonly string[],
    removedQueues: readonly string[],
  ): void {
    this.targetSeries.push(sample.at, [sample.connections, sample.channels, sample.ready, sample.unacked]);
    for (const c of connections) {
      ringFor(this.connectionSeries, c.id, this.samplesPerSeries, 3).push(sample.at, [c.silenceSec, c.heartbeatMarginSec, c.unacked]);
    }
    for (const q of queues) ringFor(this.queueSeries, q.id, this.samplesPerSeries, 2).push(sample.at, [q.ready, q.unacked]);
    for (const id of closedIds) {
      const ring = this.connectionSeries.get(id);
      this.connectionSeries.delete(id);
      if (ring) this.closedSeries.set(id, ring);
    }
    while (this.closedSeries.size > CLOSED_SERIES_KEPT) this.closedSeries.delete(this.closedSeries.keys().next().value!);
    for (const id of removedQueues) this.queueSeries.delete(id);
  }

  /**
   * The event exchange saw this connection close: drop it now (browsers see
   * it vanish within a second) and return what it looked like at the last
   * poll, or null if no poll ever saw it.
   */
  closeFromEvent(connectionId: string, at: number): { delta: TargetDelta; lastKnown: ConnectionHealth | null; lastSeenAt: number | null } {
    this.recentlyClosed.set(connectionId, at);
    const entry = this.connections.get(connectionId);
    const delta: TargetDelta = { targetId: this.id, upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [] };
    if (!entry) return { delta, lastKnown: null, lastSeenAt: null };
    this.connections.delete(connectionId);
    this.tracks.delete(connectionId);
    const ring = this.connectionSeries.get(connectionId);
    this.connectionSeries.delete(connectionId);
    if (ring) this.closedSeries.set(connectionId, ring);
    delta.removeConnections.push(connectionId);
    return { delta, lastKnown: entry.item, lastSeenAt: this.lastGoodObservedAt };
  }

  /** True if the event exchange already reported this connection closed. */
  wasClosedByEvent(connectionId: string): boolean {
    return this.recentlyClosed.has(connectionId);
  }

  applyProbe(state: ProbeState, sample: ProbeSample): TargetDelta {
    this.probe = state;
    this.probeSeries.push(sample.at, [
      sample.silenceMs, sample.marginMs, sample.heartbeatIntervalMs, sample.confirmP50Ms, sample.confirmP99Ms, sample.deliverP50Ms, sample.deliverP99Ms,
    ]);
    return { targetId: this.id, upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [], probe: state, probeSamples: [sample] };
  }

  probeSamples(): ProbeSample[] {
    return this.probeSeries.read().map(({ at, values: [silenceMs, marginMs, heartbeatIntervalMs, confirmP50Ms, confirmP99Ms, deliverP50Ms, deliverP99Ms] }) => ({
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

  private pruneRecentlyClosed(now: number): void {
    for (const [id, at] of this.recentlyClosed) if (now - at > RECENTLY_CLOSED_MS) this.recentlyClosed.delete(id);
  }

  state(): TargetState {
    return {
      ...this.summary,
      connections: [...this.connections.values()].map((v) => v.item),
      queues: [...this.queues.values()].map((v) => v.item),
      probe: this.probe,
    };
  }

  status(): TargetStatus {
    return this.summary.status;
  }

  targetSamples(): TargetSample[] {
    return this.targetSeries.read().map(({ at, values: [connections, channels, ready, unacked] }) => ({
      at,
      connections: connections ?? 0,
      channels: channels ?? 0,
      ready: ready ?? 0,
      unacked: unacked ?? 0,
    }));
  }

  connectionSamples(connectionId: string): ConnectionSample[] | null {
    const ring = this.connectionSeries.get(connectionId) ?? this.closedSeries.get(connectionId);
    if (!ring) return null;
    return ring.read().map(({ at, values: [silence, margin, unacked] }) => ({
      at,
      silenceSec: tenthsOrNull(silence),
      heartbeatMarginSec: tenthsOrNull(margin),
      unacked: unacked ?? 0,
    }));
  }

  queueSamples(queueId: string): QueueSample[] | null {
    const ring = this.queueSeries.get(queueId);
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
