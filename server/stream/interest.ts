import type { Delta, Snapshot, StreamInterest } from '../contract';

/**
 * What each socket is sent, by what its page shows (see StreamInterest in the
 * contract). Sockets that want queue rows sit in one room, so a delta is
 * serialised at most twice however many browsers are connected: whole for
 * that room, without queue changes for everyone else.
 */

export const QUEUES_ROOM = 'stream:queues';

export const EVERYTHING: StreamInterest = { queues: true };

/** The handshake's or an `interest` event's value; anything unreadable means everything (the old behaviour). */
export function parseInterest(raw: unknown): StreamInterest {
  if (typeof raw !== 'object' || raw === null) return EVERYTHING;
  const queues = (raw as { queues?: unknown }).queues;
  return { queues: typeof queues === 'boolean' ? queues : true };
}

export function snapshotFor(snapshot: Snapshot, interest: StreamInterest): Snapshot {
  if (interest.queues) return snapshot;
  return { ...snapshot, interest, targets: snapshot.targets.map((t) => ({ ...t, queues: [] })) };
}

/** The delta without queue changes; the same object when it has none. */
export function withoutQueues(delta: Delta): Delta {
  if (!delta.targets.some((t) => t.upsertQueues.length > 0 || t.removeQueues.length > 0)) return delta;
  return { ...delta, targets: delta.targets.map((t) => ({ ...t, upsertQueues: [], removeQueues: [] })) };
}
