import type { TargetConfig } from '../config/schema';
import type {
  ConnectionHealth,
  ConnectionSample,
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

  constructor(
    target: TargetConfig,
    private readonly samplesPerSeries: number,
  ) {
    this.targetSeries = new SampleRing(samplesPerSeries, 4);
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

  applyOutcome(outcome: FetchOutcome, meta: { attemptAt: number; nextPollAt: number }): { delta: TargetDelta; closed: ClosedConnection[] } {
    return outcome.ok ? this.applyPoll(outcome.poll, meta.nextPollAt) : this.applyFailure(outcome.failure, meta);
  }

  private applyPoll(poll: Extract<FetchOutcome, { ok: true }>['poll'], nextPollAt: number): { delta: TargetDelta; closed: ClosedConnection[] } {
    const at = poll.startedAt;
    this.tracks = trackRecv(this.tracks, poll.connections, at);
    const connections = deriveConnections(poll.connections, poll.channels, poll.consumers, this.tracks, at);
    const queues = deriveQueues(poll.queues);
    const currentIds = new Set(connections.map((c) => c.id));
    const previous = new Map([...this.connections].map(([id, v]) => [id, v.item]));
    const closed = this.lastGoodObservedAt === null ? [] : detectClosed(previous, currentIds, this.lastGoodObservedAt, at);

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

  state(): TargetState {
    return {
      ...this.summary,
      connections: [...this.connections.values()].map((v) => v.item),
      queues: [...this.queues.values()].map((v) => v.item),
      probe: null,
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
