import type { Delta, ProbeSample, SelfHealth, Snapshot, TargetSample, TargetState } from '../../server/contract';
import { withSilence } from '../../server/analysis/silence';

/**
 * The browser's copy of the server state, kept up to date by deltas.
 * Pure functions only: the socket wiring lives in LiveStateProvider.
 */
export interface LiveView {
  seq: number;
  serverTime: number;
  targets: TargetState[];
  series: Record<string, TargetSample[]>;
  probeSeries: Record<string, ProbeSample[]>;
  events: Snapshot['events'];
  selfHealth: SelfHealth | null;
}

/** Keep charts and the timeline bounded however long a tab stays open. */
export const MAX_SAMPLES_PER_TARGET = 720; // 1 h at the default 5 s poll
export const MAX_PROBE_SAMPLES = 900; // 15 min at one point a second
export const MAX_EVENTS = 500;

export function viewFromSnapshot(snapshot: Snapshot): LiveView {
  return {
    seq: snapshot.seq,
    serverTime: snapshot.serverTime,
    targets: snapshot.targets,
    series: snapshot.series,
    probeSeries: Object.fromEntries(Object.entries(snapshot.probeSeries ?? {}).map(([id, s]) => [id, s.slice(-MAX_PROBE_SAMPLES)])),
    events: snapshot.events.slice(0, MAX_EVENTS),
    selfHealth: snapshot.selfHealth ?? null,
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
    const merged = mergeById(target.connections, change.upsertConnections, change.removeConnections);
    const observedAt = change.summary?.observedAt;
    // Silence is not on the wire for unchanged rows: advance it to this poll's time here.
    const connections = observedAt && observedAt !== target.observedAt ? merged.map((c) => withSilence(c, observedAt)) : merged;
    return {
      ...target,
      ...(change.summary ?? {}),
      connections,
      queues: mergeById(target.queues, change.upsertQueues, change.removeQueues),
      probe: change.probe ?? target.probe,
    };
  });
  const events = delta.events.length > 0 ? [...delta.events, ...view.events].slice(0, MAX_EVENTS) : view.events;
  return {
    ok: true,
    view: { seq: delta.seq, serverTime: delta.serverTime, targets, series, probeSeries, events, selfHealth: delta.selfHealth ?? view.selfHealth },
  };
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
