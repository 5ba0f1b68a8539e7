import type { Alert, BrokerLogKept, DeliveryStatus, NotifierInfo, Silence, Delta, HistoryHealth, LargeMessageResult, LoopDelay, Outage, ProbeSample, ProbeState, PulseEvent, QueueHealth, QueuesPart, SelfHealth, Snapshot, StateResponse, TargetDelta, TargetHealth, TargetSample, TargetState } from '../contract';
import type { ObservedClose } from '../analysis/close-order';
import type { ProbeFailure } from '../analysis/resets';
import type { BrokerEvent } from '../sources/events/broker-event';
import type { FetchOutcome } from '../sources/management/fetcher';
import { isOwnConnection } from '../shared/own-connections';
import { TargetEncoder } from '../stream/target-encoder';
import { targetHealth } from '../shared/target-health';
import { ActiveAlerts } from './active-alerts';
import { EventLog } from './event-log';
import type { BrokerFinding } from '../sources/broker-log/finding';
import type { CloseFinding, TimeoutWarning } from '../sources/broker-log/close-joiner';
import {
  asShutdownClose,
  brokerLogNoticeEvent,
  brokerNoticeEvent,
  type BrokerShutdown,
  channelClosedEvent,
  largeMessageEvent,
  observedCloseEvent,
  pollCloseEvent,
  probeFailureEvent,
  probeRecoveredEvent,
  unopenedCloseEvent,
  withBrokerLog,
} from './event-factory';
import type { TargetStore } from './target-store';

/**
 * What one publication changed: the numbered delta as browsers get it, and
 * the new state of each target it touched, so subscribers (alerting) need not
 * read the stores back.
 */
export interface HubChange {
  delta: Delta;
  /** By target id, for the targets in `delta.targets`. */
  states: ReadonlyMap<string, TargetState>;
}

export type DeltaListener = (delta: Delta, change: HubChange) => void;

/** The alerting side of a snapshot, provided by whoever runs alerts. */
export interface AlertingSnapshot {
  alerts: Alert[];
  silences: Silence[];
  notifiers: NotifierInfo[];
  deliveries: DeliveryStatus[];
}

const NO_ALERTS: AlertingSnapshot = { alerts: [], silences: [], notifiers: [], deliveries: [] };

/** Close events a late log line may still refine, by target and connection pid (the joiner refines for 30 s). */
const MAX_REFINABLE = 10_000;
/** How long a node's shutdown may take (measured 6–8 s on 3.10.8) before a good poll counts as "after" it. */
const SHUTDOWN_SETTLE_MS = 30_000;
/** The same broker notice text is shown once a minute at most: a broker that repeats itself must not bury the timeline. */
const NOTICE_REPEAT_MS = 60_000;

/**
 * Where every source's input enters: it applies it to its target's store,
 * turns what changed into one numbered Delta, and hands it, with the new
 * state of each target it touched, to listeners (socket.io, the history
 * recorder, alerting). Numbering here, not per socket, means every browser
 * sees the same sequence and can detect a gap. Closes and resets are
 * published at once; probe states arrive batched once a second. Listeners
 * only read; what they produce (alert changes) is published in a later turn.
 */
export class Hub {
  private seq = 0;
  private eventCounter = 0;
  private readonly runId = Date.now().toString(36);
  private readonly stores = new Map<string, TargetStore>();
  /** One per store: turns what each write changed into the wire's TargetDelta. */
  private readonly encoders = new Map<string, TargetEncoder>();
  private readonly listeners = new Set<DeltaListener>();
  private readonly log: EventLog;
  private selfHealth: SelfHealth | null = null;
  private probeWorkerDelay: LoopDelay | null = null;
  private brokerLogKept: BrokerLogKept | undefined;
  private alertingSnapshot: () => AlertingSnapshot = () => NO_ALERTS;
  private delivering = false;
  /** Each target's pending and firing alerts, for its health. */
  private readonly active = new ActiveAlerts();
  private readonly refinable = new Map<string, string>();
  private readonly noticesSeen = new Map<string, number>();
  /** Per target, the node's last shutdown, until the first good poll after it has found what went. */
  private readonly shutdowns = new Map<string, BrokerShutdown>();

  constructor(stores: readonly TargetStore[], maxEvents: number) {
    for (const s of stores) {
      this.stores.set(s.id, s);
      this.encoders.set(s.id, new TargetEncoder(s.id));
    }
    this.log = new EventLog(maxEvents);
  }

  onDelta(listener: DeltaListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  applyOutcome(targetId: string, outcome: FetchOutcome, meta: { attemptAt: number; nextPollAt: number }): Delta {
    const { poll, summary, closed } = this.requireStore(targetId).applyOutcome(outcome, meta);
    const encoder = this.encoders.get(targetId)!;
    const delta = poll ? encoder.poll({ ...poll, summary }) : encoder.summary(summary);
    const detectedAt = outcome.ok ? outcome.poll.finishedAt : Date.now();
    const events = closed.map((c) => this.withShutdown(targetId, pollCloseEvent(this.base(targetId), c, detectedAt)));
    // A good poll well after the shutdown (a node takes several seconds to stop, and polls may still be
    // answered meanwhile) saw the node as it came back: whatever went with it has been reported by now.
    const shutdown = this.shutdowns.get(targetId);
    if (shutdown && outcome.ok && outcome.poll.startedAt > shutdown.at + SHUTDOWN_SETTLE_MS) this.shutdowns.delete(targetId);
    return this.publish([delta], events);
  }

  /** The broker closed rabbitpulse's event subscription because its node is going down. */
  applyBrokerShutdown(targetId: string, shutdown: BrokerShutdown): void {
    if (this.stores.has(targetId)) this.shutdowns.set(targetId, shutdown);
  }

  /** A close of a connection last seen before its node shut down went with the node. */
  private withShutdown(targetId: string, event: PulseEvent): PulseEvent {
    const shutdown = this.shutdowns.get(targetId);
    const seenAt = event.lastKnown?.lastSeenAt;
    if (!shutdown || seenAt === undefined || seenAt > shutdown.at || event.certainty === 'certain') return event;
    return asShutdownClose(event, shutdown);
  }

  applyProbes(items: ReadonlyArray<{ targetId: string; state: ProbeState; sample: ProbeSample }>): Delta {
    const deltas = items
      .filter((i) => this.stores.has(i.targetId))
      .map((i) => {
        this.requireStore(i.targetId).applyProbe(i.state, i.sample);
        return this.encoders.get(i.targetId)!.probe(i.state, i.sample);
      });
    return this.publish(deltas, []);
  }

  applyProbeFailure(targetId: string, failure: ProbeFailure & { at: number }, connection: string): Delta {
    return this.publish([], [probeFailureEvent(this.base(targetId), this.nameOf(targetId), connection, failure)]);
  }

  applyProbeRecovered(targetId: string, outage: Outage, connection: string): Delta {
    return this.publish([], [probeRecoveredEvent(this.base(targetId), this.nameOf(targetId), connection, outage)]);
  }

  applyLargeMessageFailure(targetId: string, result: LargeMessageResult, connection: string): Delta {
    return this.publish([], [largeMessageEvent(this.base(targetId), connection, result)]);
  }

  /** A close sweep's answer (CloseSweeper): what the store holds but the broker no longer lists has closed. */
  applyLiveConnections(targetId: string, names: readonly string[], startedAt: number): Delta | null {
    const { removed, closed } = this.requireStore(targetId).applyLiveConnections(names, startedAt);
    // Published even when only rabbitpulse's own connections went (no events): browsers must drop them too.
    if (removed.length === 0) return null;
    return this.publish(
      [this.encoders.get(targetId)!.removed(removed)],
      closed.map((c) => this.withShutdown(targetId, pollCloseEvent(this.base(targetId), c, Date.now()))),
    );
  }

  /**
   * A close seen on the event exchange: one event now, and the poll will not
   * report it again. Null for rabbitpulse's own connections (the probes
   * report those) and for a close a poll or sweep already reported.
   */
  applyBrokerClose(targetId: string, close: ObservedClose, finding: CloseFinding | null = null): Delta | null {
    if (isOwnConnection(close.providedName)) return null;
    const { lastKnown, lastSeenAt, duplicate } = this.requireStore(targetId).closeFromEvent(close);
    if (duplicate) return null;
    const delta = this.encoders.get(targetId)!.removed(lastKnown ? [lastKnown.id] : []);
    const event = observedCloseEvent(this.base(targetId), close, lastKnown, lastSeenAt, finding);
    this.refinable.set(refinableKey(targetId, close.pid), event.id);
    if (this.refinable.size > MAX_REFINABLE) this.refinable.delete(this.refinable.keys().next().value as string);
    return this.publish([delta], [event]);
  }

  /**
   * The broker's log line about a close already published (it came after the
   * joiner stopped waiting, or says more than the first): the event is
   * restated under its own id, and browsers and history replace it.
   */
  refineBrokerClose(targetId: string, close: ObservedClose, finding: CloseFinding): Delta | null {
    const id = this.refinable.get(refinableKey(targetId, close.pid));
    const event = id === undefined ? undefined : this.log.get(id);
    if (!event) return null;
    return this.publish([], [withBrokerLog(event, finding)]);
  }

  /** A line of the broker's log that is not about a close the event exchange reported. */
  applyBrokerFinding(targetId: string, finding: BrokerFinding, warning: TimeoutWarning | null = null): Delta | null {
    const event = this.eventOfFinding(targetId, finding, warning);
    return event ? this.publish([], [event]) : null;
  }

  private eventOfFinding(targetId: string, finding: BrokerFinding, warning: TimeoutWarning | null): PulseEvent | null {
    switch (finding.kind) {
      case 'channel-error': {
        const named = finding.brokerName === null ? null : this.requireStore(targetId).connectionNamed(finding.brokerName);
        if (named?.connection.own) return null; // the probes report their own channels' errors
        return channelClosedEvent(this.base(targetId), finding, warning, named);
      }
      case 'connection-close':
        // Login refusals come from the event exchange already (auth.failure); the rest never opened, so only the log tells.
        if (finding.cause === 'auth-refused' || isOwnConnection(finding.providedName)) return null;
        return unopenedCloseEvent(this.base(targetId), finding);
      case 'alarm':
        return null; // the event exchange reports alarms (alarm.set / alarm.cleared)
      case 'consumer-timeout':
      case 'notice': {
        // Routine info lines were dropped in the worker (BrokerCloseJoiner); a repeated warning is shown once a minute.
        if (!this.noticeIsNew(targetId, finding)) return null;
        return brokerLogNoticeEvent(this.base(targetId), finding);
      }
    }
  }

  private noticeIsNew(targetId: string, finding: BrokerFinding): boolean {
    const now = Date.now();
    for (const [key, at] of this.noticesSeen) {
      if (now - at < NOTICE_REPEAT_MS) break;
      this.noticesSeen.delete(key);
    }
    const key = `${targetId}\u0000${finding.text}`;
    if (this.noticesSeen.has(key)) return false;
    this.noticesSeen.set(key, now);
    return true;
  }

  applyBrokerNotice(targetId: string, notice: Extract<BrokerEvent, { kind: 'auth.failure' | 'alarm' }>): Delta {
    return this.publish([], [brokerNoticeEvent(this.base(targetId), notice)]);
  }

  /**
   * Alerting registers how to read its side of a snapshot. Its alerts as of
   * now (restored from the history) seed each target's health; from here on
   * the alert changes it publishes keep it.
   */
  attachAlerts(snapshot: () => AlertingSnapshot): void {
    this.alertingSnapshot = snapshot;
    const touched = this.active.apply(snapshot().alerts);
    const deltas = this.healthDeltas(touched);
    if (deltas.length > 0) this.publish(deltas, []);
  }

  /** Alert changes, with the health of each target whose alerts changed it, in one delta. */
  publishAlertChanges(change: { alerts?: Alert[]; removeAlerts?: string[]; silences?: Silence[]; deliveries?: DeliveryStatus[] }): Delta {
    const touched = change.alerts || change.removeAlerts ? this.active.apply(change.alerts ?? [], change.removeAlerts ?? []) : new Set<string>();
    return this.publish(this.healthDeltas(touched), [], undefined, change);
  }

  private healthDeltas(targetIds: Iterable<string>): TargetDelta[] {
    const deltas: TargetDelta[] = [];
    for (const id of targetIds) {
      const encoder = this.encoders.get(id);
      const delta = encoder ? encoder.healthDelta(this.deriveHealth(id)) : null;
      if (delta) deltas.push(delta);
    }
    return deltas;
  }

  /** The target's health from its state and alerts as they are now; the store keeps it for state() and snapshots. */
  private deriveHealth(targetId: string): TargetHealth {
    const store = this.requireStore(targetId);
    const health = targetHealth(store.state(), this.active.of(targetId));
    store.applyHealth(health);
    return health;
  }

  /** Events recorded before a restart, so the timeline and /api/v1/events survive it. */
  restoreEvents(events: readonly PulseEvent[]): void {
    this.log.add(events);
  }

  /** The probe worker's periodic report: its loop delay and, with a log subscription, what its close joiners hold. */
  applyProbeWorkerDelay(delay: LoopDelay, brokerLogKept?: BrokerLogKept): void {
    this.probeWorkerDelay = delay;
    this.brokerLogKept = brokerLogKept;
  }

  applyServerHealth(server: LoopDelay, rssBytes: number, history: HistoryHealth, heapUsedBytes?: number): Delta {
    this.selfHealth = {
      at: Date.now(),
      server,
      probeWorker: this.probeWorkerDelay,
      rssBytes,
      history,
      ...(heapUsedBytes === undefined ? {} : { heapUsedBytes }),
      ...(this.brokerLogKept ? { brokerLogKept: this.brokerLogKept } : {}),
    };
    return this.publish([], [], this.selfHealth);
  }

  snapshot(): Snapshot {
    const series: Record<string, TargetSample[]> = {};
    const probeSeries: Record<string, ProbeSample[]> = {};
    for (const s of this.stores.values()) {
      series[s.id] = s.targetSamples();
      probeSeries[s.id] = s.probeSamples();
    }
    return {
      seq: this.seq,
      serverTime: Date.now(),
      interest: { queues: true },
      targets: this.stateOfAll(),
      series,
      events: this.log.recent(),
      probeSeries,
      selfHealth: this.selfHealth,
      ...this.alertingSnapshot(),
    };
  }

  /** Every target's queue rows as of the last delta, for a client that starts showing them. */
  queuesPart(): QueuesPart {
    const queues: Record<string, QueueHealth[]> = {};
    for (const s of this.stores.values()) queues[s.id] = s.queueRows();
    return { seq: this.seq, queues };
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

  selfHealthNow(): SelfHealth | null {
    return this.selfHealth;
  }

  private publish(targets: TargetDelta[], events: PulseEvent[], selfHealth?: SelfHealth, alerting: Partial<Pick<Delta, 'alerts' | 'removeAlerts' | 'silences' | 'deliveries'>> = {}): Delta {
    this.log.add(events);
    // Every write may change a target's health (a failed poll, the probe going down): derived
    // again here, it rides the target's delta only when it changed.
    for (const t of targets) {
      const encoder = this.encoders.get(t.targetId);
      const part = encoder ? encoder.health(this.deriveHealth(t.targetId)) : {};
      if (part.health) t.summary = { ...t.summary, ...part };
    }
    const delta: Delta = {
      seq: ++this.seq,
      serverTime: Date.now(),
      targets,
      events: [...events].sort((a, b) => b.at - a.at),
      ...(selfHealth ? { selfHealth } : {}),
      ...alerting,
    };
    // Listeners only read: alerting defers its evaluation and publishes later, so no delta is
    // published while another is being handed out, and every listener sees them in sequence order.
    if (this.delivering) throw new Error(`hub: delta ${delta.seq} published from inside a listener; publish from a later turn`);
    const states = new Map<string, TargetState>();
    for (const t of targets) {
      const store = this.stores.get(t.targetId);
      if (store) states.set(t.targetId, store.state());
    }
    const change: HubChange = { delta, states };
    this.delivering = true;
    try {
      for (const listener of this.listeners) listener(delta, change);
    } finally {
      this.delivering = false;
    }
    return delta;
  }

  private base(targetId: string) {
    return { id: `${this.runId}-${++this.eventCounter}`, targetId };
  }

  private nameOf(targetId: string): string {
    return this.stores.get(targetId)?.displayName ?? targetId;
  }

  private stateOfAll() {
    return [...this.stores.values()].map((s) => s.state());
  }

  private requireStore(targetId: string): TargetStore {
    const store = this.stores.get(targetId);
    if (!store) throw new Error(`unknown target "${targetId}"`);
    return store;
  }
}

const refinableKey = (targetId: string, pid: string) => `${targetId}\u0000${pid}`;
