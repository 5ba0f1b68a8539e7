import type { TargetConfig } from '../config/schema';
import type {
  ConnectionHealth,
  ConnectionSample,
  ConnectionTraffic,
  ProbeSample,
  ProbeState,
  QueueHealth,
  QueueSample,
  TargetSample,
  TargetState,
  TargetHealth,
  TargetStatus,
  TargetSummary,
} from '../contract';
import { detectClosed, type ClosedConnection } from '../analysis/closures';
import { deriveConnections, trackRecv, type RecvTrack } from '../analysis/connections';
import { KnownDefectMemo } from '../analysis/known-defect-memo';
import { countdownsAt } from '../analysis/channel-countdown';
import { DEFAULT_CONSUMER_TIMEOUT_MS } from '../analysis/consumer-timeout';
import { trackUnacked, type UnackedTracks } from '../analysis/unacked-age';
import { deriveQueues } from '../analysis/queues';
import { trafficOf } from '../analysis/traffic';
import type { RawChannel, RawConnection } from '../sources/management/types';
import { deriveTotals, sampleOf } from '../analysis/summary';
import type { FetchOutcome } from '../sources/management/fetcher';
import { ConnectionHandles } from '../stream/connection-handles';
import { ConnectionIdentity } from './connection-identity';
import { TargetSeries } from './target-series';
import { targetHealth } from '../shared/target-health';

/**
 * What a poll's outcome did to a target: the lists as now derived (null for
 * a failed poll, which changes only the summary), and the closes it found.
 */
export interface PollWrite {
  poll: { connections: ConnectionHealth[]; queues: QueueHealth[]; sample: TargetSample; observedAt: number } | null;
  summary: TargetSummary;
  closed: ClosedConnection[];
}

/**
 * Everything known about one target. Four paths write it, each called by the
 * hub on the main thread, one at a time: a poll's outcome (`applyOutcome`,
 * good or failed), a close from the event exchange (`closeFromEvent`), a close
 * sweep's live list (`applyLiveConnections`) and the probe's state
 * (`applyProbe`). Each returns what it changed in domain terms; the hub has
 * it encoded for the wire (stream/target-encoder.ts) and published.
 * Connections are keyed by ConnectionIdentity's ids, never by broker name,
 * and numbered by handles (the wire's short names for them).
 */
export class TargetStore {
  private summary: TargetSummary;
  private connections = new Map<string, ConnectionHealth>();
  private queues = new Map<string, QueueHealth>();
  private tracks: Map<string, RecvTrack> = new Map();
  /** Since when each channel has held its unacked messages (by channel name, each naming its connection's id). */
  private unackedTracks: UnackedTracks = new Map();
  /** The last good poll's connection and channel rows, kept for trafficOf (they are garbage otherwise). */
  private lastRows: { connections: readonly RawConnection[]; channels: readonly RawChannel[]; at: number } | null = null;
  private readonly handles = new ConnectionHandles();
  private lastGoodObservedAt: number | null = null;
  /** When the last good poll read the live connection list (its finishedAt), if it could. */
  private lastLiveListAt: number | null = null;
  private readonly series: TargetSeries;
  private readonly identity = new ConnectionIdentity();
  /** Known client defects by product and version, looked up once per distinct client rather than per connection per poll. */
  private readonly knownDefects = new KnownDefectMemo();
  /** The row arrays of state(), built again only after the connections or queues changed (not per probe second). */
  private rows: Pick<TargetState, 'connections' | 'queues'> | null = null;
  private probe: ProbeState | null = null;

  /**
   * `consumerTimeoutMs` stands for the broker's own `consumer_timeout`
   * (alerts.consumerTimeoutMs), which the management API does not show; 0 = off.
   */
  constructor(
    target: TargetConfig,
    samplesPerSeries: number,
    private readonly consumerTimeoutMs: number = DEFAULT_CONSUMER_TIMEOUT_MS,
  ) {
    this.series = new TargetSeries(samplesPerSeries);
    const status: TargetStatus = {
      kind: 'starting',
      message: 'Waiting for the first poll of the management API.',
      lastGoodAt: null,
      lastPollAt: null,
      lastPollDurationMs: null,
      consecutiveFailures: 0,
      nextPollAt: null,
    };
    this.summary = {
      id: target.id,
      displayName: target.name,
      managementUrl: target.managementUrl,
      status,
      health: targetHealth({ id: target.id, status, probe: null }, []),
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

  applyOutcome(outcome: FetchOutcome, meta: { attemptAt: number; nextPollAt: number }): PollWrite {
    return outcome.ok ? this.applyPoll(outcome.poll, meta.nextPollAt) : this.applyFailure(outcome.failure, meta);
  }

  private applyPoll(poll: Extract<FetchOutcome, { ok: true }>['poll'], nextPollAt: number): PollWrite {
    const at = poll.startedAt;
    this.identity.prune(at);
    const { rows: raw, idOf, idByName } = this.identify(poll);
    this.tracks = trackRecv(this.tracks, raw, at, idOf);
    this.knownDefects.nextPoll();
    this.unackedTracks = trackUnacked(this.unackedTracks, poll.channels, poll.consumers, (name) => idByName.get(name), at);
    const countdownOf = countdownsAt({ observedAt: at, brokerVersion: poll.overview.rabbitmqVersion, queues: poll.queues }, this.unackedTracks, this.consumerTimeoutMs);
    const connections = deriveConnections(
      raw,
      poll.channels,
      poll.consumers,
      this.tracks,
      at,
      idOf,
      (id) => this.handles.of(id),
      countdownOf,
      (product, version) => this.knownDefects.of(product, version),
    );
    this.lastRows = { connections: raw, channels: poll.channels, at };
    const queues = deriveQueues(poll.queues);
    const previous = this.connections;
    this.connections = byId(connections);
    // Before the first good poll nothing is held, so nothing can have gone.
    const gone = this.lastGoodObservedAt === null ? [] : detectClosed(previous, this.connections, this.lastGoodObservedAt, at);
    const removedConnections = gone.map((c) => c.lastKnown.id);
    for (const c of gone) {
      this.identity.markClosed(c.lastKnown.brokerName, { id: c.lastKnown.id, createdAt: null, closedAt: poll.finishedAt, pid: null, reportedByPoll: true });
      // Freed now, handed out again at a later poll: after the delta that removes this one.
      this.handles.release(c.lastKnown.id);
    }
    // rabbitpulse's own connections are reported by the probes, with exact causes.
    const closed = gone.filter((c) => !previous.get(c.lastKnown.id)?.own);
    const nextQueues = byId(queues);
    const removedQueues = missingFrom(this.queues, nextQueues);
    this.queues = nextQueues;
    this.rows = null;
    this.lastGoodObservedAt = at;
    this.lastLiveListAt = poll.liveConnectionNames ? poll.finishedAt : this.lastLiveListAt;

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
    // The broker's overview and nodes are in the contract's shapes already (normalize.ts made them).
    this.summary = { ...this.summary, status, overview: poll.overview, nodes: poll.nodes, totals, observedAt: at };
    const sample = sampleOf(at, totals);
    this.series.recordPoll(sample, connections, queues, removedConnections, removedQueues);
    return { poll: { connections, queues, sample, observedAt: at }, summary: this.summary, closed };
  }

  private applyFailure(failure: Extract<FetchOutcome, { ok: false }>['failure'], meta: { attemptAt: number; nextPollAt: number }): PollWrite {
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
    return { poll: null, summary: this.summary, closed: [] };
  }

  /**
   * The event exchange saw a connection close: drop it now (browsers see it
   * vanish within a second) and return what it looked like at the last poll,
   * or null if no poll ever saw it. `duplicate` when a poll or close sweep
   * reported this close already (the subscription was down or behind).
   */
  closeFromEvent(close: { name: string; pid: string; at: number; createdAt: number | null }): {
    lastKnown: ConnectionHealth | null;
    lastSeenAt: number | null;
    duplicate: boolean;
  } {
    const id = this.identity.heldMatching(close.name, close.createdAt);
    const entry = id === null ? undefined : this.connections.get(id);
    if (!entry && this.identity.alreadyReported(close.name, close)) return { lastKnown: null, lastSeenAt: null, duplicate: true };
    this.identity.markClosed(close.name, { id, createdAt: close.createdAt, closedAt: close.at, pid: close.pid, reportedByPoll: false });
    if (!entry) return { lastKnown: null, lastSeenAt: null, duplicate: false };
    this.dropConnection(entry.id);
    return { lastKnown: entry, lastSeenAt: this.lastGoodObservedAt, duplicate: false };
  }

  /**
   * The open connection the broker calls `name` (`ip:port -> ip:port`), as
   * last polled: the broker's log names a connection this way when it closes
   * one of its channels. Null if no poll has seen it.
   */
  connectionNamed(name: string): { connection: ConnectionHealth; lastSeenAt: number } | null {
    const id = this.identity.heldMatching(name, null);
    const connection = id === null ? undefined : this.connections.get(id);
    return connection && this.lastGoodObservedAt !== null ? { connection, lastSeenAt: this.lastGoodObservedAt } : null;
  }

  /**
   * The connections of a poll that are still open, with their ids: not
   * already closed (the stats list can be a cached copy several seconds old;
   * see LIVE_CONNECTIONS_PATH), and, when the broker gave the live list, in it.
   */
  private identify(poll: Extract<FetchOutcome, { ok: true }>['poll']): {
    rows: RawConnection[];
    idOf: (row: RawConnection) => string;
    idByName: ReadonlyMap<string, string>;
  } {
    const live = poll.liveConnectionNames ? new Set(poll.liveConnectionNames) : null;
    const rows: RawConnection[] = [];
    // By broker name: one list names each live connection once, and the channel tracks find their connection by it.
    const ids = new Map<string, string>();
    for (const row of poll.connections) {
      if (live && !live.has(row.name)) continue;
      const id = this.identity.idOf(row, poll.startedAt);
      if (id === null) continue;
      rows.push(row);
      ids.set(row.name, id);
    }
    return { rows, idOf: (row) => ids.get(row.name)!, idByName: ids };
  }

  /** Forgets a connection that closed between polls; its chart stays readable a while. */
  private dropConnection(connectionId: string): void {
    this.connections.delete(connectionId);
    this.rows = null;
    this.tracks.delete(connectionId);
    this.handles.release(connectionId);
    this.series.connectionClosed(connectionId);
  }

  /** Rates at the latest poll; null for a connection that poll did not list. */
  connectionTraffic(connectionId: string): ConnectionTraffic | null {
    const connection = this.connections.get(connectionId);
    if (!this.lastRows || !connection) return null;
    return trafficOf(connection.brokerName, this.lastRows.connections, this.lastRows.channels, this.lastRows.at);
  }

  /**
   * The broker's live connection names, asked for at `startedAt`: connections
   * held here but not listed have closed. Dropped now, and kept out of polls
   * whose (possibly cached) lists still show them, as for the event exchange.
   * An answer older than the last poll's own live list says nothing new.
   */
  applyLiveConnections(names: readonly string[], startedAt: number): { removed: string[]; closed: ClosedConnection[] } {
    if (this.lastGoodObservedAt === null || this.lastLiveListAt === null || startedAt < this.lastLiveListAt) return { removed: [], closed: [] };
    const live = new Set(names);
    const gone = new Map<string, ConnectionHealth>();
    // By name: a live name may already be a successor on the same port; the next poll tells them apart by connected_at.
    for (const [id, item] of this.connections) if (!live.has(item.brokerName)) gone.set(id, item);
    const closed = detectClosed(gone, new Set(), this.lastGoodObservedAt, Date.now()).filter((c) => !gone.get(c.lastKnown.id)?.own);
    for (const [id, item] of gone) {
      this.identity.markClosed(item.brokerName, { id, createdAt: null, closedAt: startedAt, pid: null, reportedByPoll: true });
      this.dropConnection(id);
    }
    return { removed: [...gone.keys()], closed };
  }

  /** Whether closes arrive through the event exchange right now (reported with the probe's state). */
  eventExchangeSubscribed(): boolean {
    return this.probe?.eventExchange.state === 'subscribed';
  }

  applyProbe(state: ProbeState, sample: ProbeSample): void {
    this.probe = state;
    this.series.recordProbe(sample);
  }

  /**
   * The hub derives the health (it also needs the target's alerts) after each
   * write and keeps it here, so state() and snapshots carry it.
   */
  applyHealth(health: TargetHealth): void {
    this.summary = { ...this.summary, health };
  }

  queueRows(): QueueHealth[] {
    return [...this.queues.values()];
  }

  probeSamples(): ProbeSample[] {
    return this.series.probeSamples();
  }

  /** The whole target as the contract shows it; the row arrays are shared between calls until they change. */
  state(): TargetState {
    this.rows ??= { connections: [...this.connections.values()], queues: [...this.queues.values()] };
    return { ...this.summary, ...this.rows, probe: this.probe };
  }

  status(): TargetStatus {
    return this.summary.status;
  }

  targetSamples(): TargetSample[] {
    return this.series.targetSamples();
  }

  connectionSamples(connectionId: string): ConnectionSample[] | null {
    return this.series.connectionSamples(connectionId);
  }

  queueSamples(queueId: string): QueueSample[] | null {
    return this.series.queueSamples(queueId);
  }
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) out.set(item.id, item);
  return out;
}

/** Ids of `before` that `after` no longer has. */
function missingFrom(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  for (const id of before.keys()) if (!after.has(id)) out.push(id);
  return out;
}
