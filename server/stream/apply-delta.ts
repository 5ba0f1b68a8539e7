import type {
  Alert,
  AlertingPart,
  Delta,
  DeliveryStatus,
  ProbeSample,
  ProbeState,
  PulseEvent,
  QueuesPart,
  SelfHealth,
  Snapshot,
  StreamInterest,
  TargetSample,
  TargetState,
} from '../contract';
import { withSilence } from './silence';
import { applyRecvMoved } from './liveness';
import { EVERYTHING } from './interest';
import { keepRecentDeliveries, RESOLVED_ALERT_WINDOW_MS } from '../shared/alert-lists';

/**
 * The browser's copy of the server state, kept up to date by deltas.
 * Pure functions only (the decoding half of the wire; target-encoder.ts is the
 * encoding half): the socket wiring lives in components/live/live-stream.ts.
 */
export interface LiveView extends Partial<AlertingPart> {
  seq: number;
  serverTime: number;
  targets: TargetState[];
  series: Record<string, TargetSample[]>;
  probeSeries: Record<string, ProbeSample[]>;
  events: Snapshot['events'];
  selfHealth: SelfHealth | null;
  /** What the stream carries for this view (queue rows or not); absent means everything. */
  interest?: StreamInterest;
  /*
   * The alerting side (AlertingPart) is always set by viewFromSnapshot; it is
   * optional only so that views built by hand (tests, tools) without alerting
   * stay valid. Read it through alertingOf() to get empty lists instead of undefined.
   */
}

const NO_ALERTING: AlertingPart = { alerts: [], silences: [], notifiers: [], deliveries: [] };

/** The alerting lists of a view, empty where the view has none. */
export function alertingOf(view: LiveView | null): AlertingPart {
  if (!view) return NO_ALERTING;
  return {
    alerts: view.alerts ?? NO_ALERTING.alerts,
    silences: view.silences ?? NO_ALERTING.silences,
    notifiers: view.notifiers ?? NO_ALERTING.notifiers,
    deliveries: view.deliveries ?? NO_ALERTING.deliveries,
  };
}

/** Keep charts and the timeline bounded however long a tab stays open. */
export const MAX_SAMPLES_PER_TARGET = 720; // 1 h at the default 5 s poll
export const MAX_PROBE_SAMPLES = 900; // 15 min at one point a second
export const MAX_EVENTS = 500;

export function viewFromSnapshot(snapshot: Snapshot): LiveView {
  return {
    seq: snapshot.seq,
    serverTime: snapshot.serverTime,
    interest: snapshot.interest ?? EVERYTHING,
    targets: snapshot.targets,
    series: snapshot.series,
    probeSeries: Object.fromEntries(Object.entries(snapshot.probeSeries ?? {}).map(([id, s]) => [id, s.slice(-MAX_PROBE_SAMPLES)])),
    events: snapshot.events.slice(0, MAX_EVENTS),
    selfHealth: snapshot.selfHealth ?? null,
    alerts: snapshot.alerts ?? [],
    silences: snapshot.silences ?? [],
    notifiers: snapshot.notifiers ?? [],
    deliveries: keepRecentDeliveries(snapshot.deliveries ?? []),
  };
}

export type ApplyResult = { ok: true; view: LiveView } | { ok: false; reason: string };

/**
 * Applies one delta. A delta whose seq is not exactly the next one means we
 * missed something: the caller must ask for a fresh snapshot instead of
 * guessing. Deltas at or below the current seq are stale and ignored.
 */
export function applyDelta(view: LiveView, delta: Delta): ApplyResult {
  if (delta.seq <= view.seq) return { ok: true, view };
  if (delta.seq !== view.seq + 1) {
    return { ok: false, reason: `sequence gap: have ${view.seq}, got ${delta.seq}` };
  }
  const byId = new Map(delta.targets.map((t) => [t.targetId, t]));
  let series = view.series;
  let probeSeries = view.probeSeries;
  const targets = view.targets.map((target) => {
    const change = byId.get(target.id);
    if (!change) return target;
    if (change.sample) series = { ...series, [target.id]: appendCapped(series[target.id], [change.sample], MAX_SAMPLES_PER_TARGET) };
    if (change.probeSamples?.length) probeSeries = { ...probeSeries, [target.id]: appendCapped(probeSeries[target.id], change.probeSamples, MAX_PROBE_SAMPLES) };
    const observedAt = change.summary?.observedAt;
    const listed = mergeById(target.connections, change.upsertConnections, change.removeConnections);
    const merged = observedAt && change.recvMoved ? applyRecvMoved(listed, change.recvMoved, observedAt) : listed;
    // Silence is not on the wire for unchanged rows: advance it to this poll's time here.
    const connections = observedAt && observedAt !== target.observedAt ? merged.map((c) => withSilence(c, observedAt)) : merged;
    return {
      ...target,
      ...(change.summary ?? {}),
      connections,
      queues: mergeById(target.queues, change.upsertQueues, change.removeQueues),
      // A probe's first report is whole (TargetDelta.probe), so the merge is a full state.
      probe: change.probe ? ({ ...target.probe, ...change.probe } as ProbeState) : target.probe,
    };
  });
  const events = delta.events.length > 0 ? mergeEvents(delta.events, view.events) : view.events;
  return {
    ok: true,
    view: {
      ...alertingFields(view, delta),
      ...(view.interest ? { interest: view.interest } : {}),
      seq: delta.seq,
      serverTime: delta.serverTime,
      targets,
      series,
      probeSeries,
      events,
      selfHealth: delta.selfHealth ?? view.selfHealth,
    },
  };
}

/** Whether this view's queue rows are streamed (false: they are empty, not "no queues"). */
export function queuesStreamed(view: LiveView): boolean {
  return (view.interest ?? EVERYTHING).queues;
}

/**
 * Takes in the queue rows sent in answer to an `interest` that added them.
 * They are as of `part.seq`, which must be this view's: null otherwise (a
 * delta went missing; ask for a snapshot).
 */
export function applyQueuesPart(view: LiveView, part: QueuesPart): LiveView | null {
  return part.seq === view.seq ? withQueues(view, true, (t) => part.queues[t.id] ?? []) : null;
}

/** The view once its page stops showing queues: the rows go (they would only go stale). */
export function withoutQueueRows(view: LiveView): LiveView {
  return withQueues(view, false, () => []);
}

function withQueues(view: LiveView, streamed: boolean, rowsOf: (t: TargetState) => TargetState['queues']): LiveView {
  return { ...view, interest: { ...(view.interest ?? EVERYTHING), queues: streamed }, targets: view.targets.map((t) => ({ ...t, queues: rowsOf(t) })) };
}

type AlertingFields = Pick<LiveView, 'alerts' | 'silences' | 'notifiers' | 'deliveries'>;

/**
 * The alerting lists after one delta. Lists the delta does not touch keep
 * their identity (so memoised views do not recompute), and a field the view
 * never had stays absent unless the delta brings it.
 */
function alertingFields(view: LiveView, delta: Delta): AlertingFields {
  const out: AlertingFields = {};
  const alertsChanged = (delta.alerts?.length ?? 0) > 0 || (delta.removeAlerts?.length ?? 0) > 0;
  if (alertsChanged) out.alerts = pruneResolved(upsertAlerts(view.alerts ?? [], delta.alerts ?? [], delta.removeAlerts ?? []), delta.serverTime);
  else if (view.alerts) out.alerts = view.alerts;
  if (delta.silences) out.silences = delta.silences;
  else if (view.silences) out.silences = view.silences;
  if (view.notifiers) out.notifiers = view.notifiers;
  if (delta.deliveries?.length) out.deliveries = upsertDeliveries(view.deliveries ?? [], delta.deliveries);
  else if (view.deliveries) out.deliveries = view.deliveries;
  return out;
}

/** Changed alerts replace theirs in place; new ones go first (the list is newest first); removed ones go. */
export function upsertAlerts(alerts: readonly Alert[], upserts: readonly Alert[], removals: readonly string[]): Alert[] {
  const removed = new Set(removals);
  const updates = new Map(upserts.map((a) => [a.id, a]));
  const kept: Alert[] = [];
  for (const a of alerts) {
    if (removed.has(a.id)) continue;
    const updated = updates.get(a.id);
    if (updated) updates.delete(a.id);
    kept.push(updated ?? a);
  }
  const added = [...updates.values()].filter((a) => !removed.has(a.id));
  return [...added.reverse(), ...kept];
}

/** Resolved alerts older than the window are forgotten, as the server does for GET /api/v1/alerts (a tab open for a week must not keep them all). */
function pruneResolved(alerts: Alert[], now: number): Alert[] {
  const cutoff = now - RESOLVED_ALERT_WINDOW_MS;
  const stale = alerts.some((a) => a.state === 'resolved' && (a.resolvedAt ?? a.since) < cutoff);
  return stale ? alerts.filter((a) => !(a.state === 'resolved' && (a.resolvedAt ?? a.since) < cutoff)) : alerts;
}

/** Upserts deliveries by id; newest first; at most RECENT_DELIVERIES, dropping the oldest non-failed first. */
export function upsertDeliveries(deliveries: readonly DeliveryStatus[], upserts: readonly DeliveryStatus[]): DeliveryStatus[] {
  const byId = new Map(deliveries.map((d) => [d.id, d]));
  for (const d of upserts) byId.set(d.id, d);
  return keepRecentDeliveries([...byId.values()]);
}

function appendCapped<T>(list: readonly T[] | undefined, items: readonly T[], max: number): T[] {
  const next = [...(list ?? []), ...items];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Replaces, adds and removes items by id while keeping the list's order stable. */
export function mergeById<T extends { id: string }>(items: T[], upserts: T[], removals: string[]): T[] {
  if (upserts.length === 0 && removals.length === 0) return items;
  const removed = new Set(removals);
  const updates = new Map(upserts.map((u) => [u.id, u]));
  const out: T[] = [];
  for (const item of items) {
    if (removed.has(item.id)) continue;
    const updated = updates.get(item.id);
    if (updated) {
      out.push(updated);
      updates.delete(item.id);
    } else {
      out.push(item);
    }
  }
  for (const added of updates.values()) out.push(added);
  return out;
}

/**
 * New events go on top; one whose id the view holds is a restatement (a
 * close refined by the broker's log line after it was shown) and takes the
 * old one's place.
 */
function mergeEvents(incoming: readonly PulseEvent[], shown: readonly PulseEvent[]): PulseEvent[] {
  const byId = new Map(incoming.map((e) => [e.id, e]));
  const restated = shown.map((e) => {
    const again = byId.get(e.id);
    if (!again) return e;
    byId.delete(e.id);
    return again;
  });
  return [...byId.values(), ...restated].slice(0, MAX_EVENTS);
}
