import type { Delta, Snapshot, TargetSample, TargetState } from '../../server/contract';
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
  events: Snapshot['events'];
}

/** Keep charts and the timeline bounded however long a tab stays open. */
export const MAX_SAMPLES_PER_TARGET = 720; // 1 h at the default 5 s poll
export const MAX_EVENTS = 500;

export function viewFromSnapshot(snapshot: Snapshot): LiveView {
  return {
    seq: snapshot.seq,
    serverTime: snapshot.serverTime,
    targets: snapshot.targets,
    series: snapshot.series,
    events: snapshot.events.slice(0, MAX_EVENTS),
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
  const series = { ...view.series };
  const targets = view.targets.map((target) => {
    const change = byId.get(target.id);
    if (!change) return target;
    if (change.sample) {
      const prev = series[target.id] ?? [];
      const next = prev.length >= MAX_SAMPLES_PER_TARGET ? prev.slice(prev.length - MAX_SAMPLES_PER_TARGET + 1) : prev.slice();
      next.push(change.sample);
      series[target.id] = next;
    }
    const merged = mergeById(target.connections, change.upsertConnections, change.removeConnections);
    const observedAt = change.summary?.observedAt;
    // Silence is not on the wire for unchanged rows: advance it to this poll's time here.
    const connections = observedAt && observedAt !== target.observedAt ? merged.map((c) => withSilence(c, observedAt)) : merged;
    return {
      ...target,
      ...(change.summary ?? {}),
      connections,
      queues: mergeById(target.queues, change.upsertQueues, change.removeQueues),
    };
  });
  const events = delta.events.length > 0 ? [...delta.events, ...view.events].slice(0, MAX_EVENTS) : view.events;
  return { ok: true, view: { seq: delta.seq, serverTime: delta.serverTime, targets, series, events } };
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
