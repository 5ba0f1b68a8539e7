import type { Delta, PulseEvent, Snapshot, StateResponse, TargetSample } from '../contract';
import type { ClosedConnection } from '../analysis/closures';
import { explainClose } from '../analysis/explain';
import type { FetchOutcome } from '../sources/management/fetcher';
import { EventLog } from './event-log';
import type { TargetStore } from './target-store';

export type DeltaListener = (delta: Delta) => void;

/**
 * The single writer of shared state: it applies each source's outcome to its
 * target's store, turns what changed into one numbered Delta, and hands it to
 * listeners (socket.io). Numbering here, not per socket, means every browser
 * sees the same sequence and can detect a gap.
 */
export class Hub {
  private seq = 0;
  private eventCounter = 0;
  private readonly runId = Date.now().toString(36);
  private readonly stores = new Map<string, TargetStore>();
  private readonly listeners = new Set<DeltaListener>();
  private readonly log: EventLog;

  constructor(stores: readonly TargetStore[], maxEvents: number) {
    for (const s of stores) this.stores.set(s.id, s);
    this.log = new EventLog(maxEvents);
  }

  onDelta(listener: DeltaListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  applyOutcome(targetId: string, outcome: FetchOutcome, meta: { attemptAt: number; nextPollAt: number }): Delta {
    const store = this.requireStore(targetId);
    const { delta, closed } = store.applyOutcome(outcome, meta);
    const detectedAt = outcome.ok ? outcome.poll.finishedAt : Date.now();
    const events = closed.map((c) => this.closeEvent(targetId, c, detectedAt));
    this.log.add(events);
    const out: Delta = { seq: ++this.seq, serverTime: Date.now(), targets: [delta], events };
    for (const listener of this.listeners) listener(out);
    return out;
  }

  snapshot(): Snapshot {
    const series: Record<string, TargetSample[]> = {};
    for (const s of this.stores.values()) series[s.id] = s.targetSamples();
    return { seq: this.seq, serverTime: Date.now(), targets: this.stateOfAll(), series, events: this.log.recent(), probeSeries: {}, selfHealth: null };
  }

  state(): StateResponse {
    return { serverTime: Date.now(), targets: this.stateOfAll() };
  }

  events(limit?: number, targetId?: string): PulseEvent[] {
    return this.log.recent(limit, { targetId });
  }

  store(targetId: string): TargetStore | undefined {
    return this.stores.get(targetId);
  }

  targets(): TargetStore[] {
    return [...this.stores.values()];
  }

  private stateOfAll() {
    return [...this.stores.values()].map((s) => s.state());
  }

  private requireStore(targetId: string): TargetStore {
    const store = this.stores.get(targetId);
    if (!store) throw new Error(`unknown target "${targetId}"`);
    return store;
  }

  private closeEvent(targetId: string, closed: ClosedConnection, at: number): PulseEvent {
    return {
      id: `${this.runId}-${++this.eventCounter}`,
      at,
      targetId,
      kind: 'connection.closed',
      connection: closed.lastKnown.name,
      cause: closed.cause,
      certainty: closed.certainty,
      source: 'poll',
      explanation: explainClose(closed),
      lastKnown: closed.lastKnown,
    };
  }
}
