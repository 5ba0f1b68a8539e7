import type { Fleet } from '../load/fleet';
import type { FrameKind, MeteredClient, PollFrame } from '../app/wire-meter';
import { log } from '../support/log';

export interface WireInterval {
  /** The poll's own delta frame. */
  pollBytes: number;
  /** Everything the server sent this client from this poll's delta up to the next one. */
  totalBytes: number;
  byKind: Partial<Record<FrameKind, number>>;
  upserts: number;
  connectionRowBytes: number;
  queueRowBytes: number;
  trafficOnly: number;
  recvMoved: number;
  recvMovedBytes: number;
  changedFields: Record<string, number>;
}

export interface WireCondition {
  label: string;
  /** Connections changed on purpose before each poll (0 when idle). */
  touchedPerPoll: number;
  intervals: WireInterval[];
  /** Sequence gaps the client saw meanwhile; each made it fetch a whole snapshot. */
  gaps: number;
  /** Alert changes sent meanwhile, by `rule state`. */
  alertChanges: Record<string, number>;
}

/**
 * Watches `polls` poll intervals at one client. For the changed condition,
 * `touchPerPoll` connections get a new channel prefetch right after each poll
 * delta, so the next poll (or the one after: the broker refreshes its
 * statistics every 5 s on its own clock) has them to send.
 */
export async function measureWire(o: { client: MeteredClient; fleet: Fleet; polls: number; touchPerPoll: number; label: string }): Promise<WireCondition> {
  const { client } = o;
  client.clear();
  const gaps0 = client.gaps();
  let prev = await client.nextPoll();
  if (o.touchPerPoll) await o.fleet.touch(o.touchPerPoll);
  // With changes, the first interval only starts the pipeline; skip it.
  const warmup = o.touchPerPoll ? 1 : 0;
  const intervals: WireInterval[] = [];
  for (let i = 0; i < o.polls + warmup; i++) {
    const next = await client.nextPoll(prev.seq);
    if (o.touchPerPoll) await o.fleet.touch(o.touchPerPoll);
    if (i >= warmup) intervals.push(intervalBetween(client, prev, next));
    prev = next;
  }
  const last = intervals.at(-1);
  log(`wire (${o.label}): last poll delta ${last?.pollBytes} B, ${last?.upserts} connections re-sent (${last?.trafficOnly} only for traffic counters), ${last?.recvMoved} heard from (${last?.recvMovedBytes} B)`);
  return { label: o.label, touchedPerPoll: o.touchPerPoll, intervals, gaps: client.gaps() - gaps0, alertChanges: { ...client.alertChanges } };
}

function intervalBetween(client: MeteredClient, from: PollFrame, to: PollFrame): WireInterval {
  const frames = client.frames.filter((f) => f.at >= from.at && f.at < to.at);
  const byKind: Partial<Record<FrameKind, number>> = {};
  for (const f of frames) byKind[f.kind] = (byKind[f.kind] ?? 0) + f.bytes;
  return {
    pollBytes: from.bytes,
    totalBytes: frames.reduce((n, f) => n + f.bytes, 0),
    byKind,
    upserts: from.upserts,
    connectionRowBytes: from.connectionRowBytes,
    queueRowBytes: from.queueRowBytes,
    trafficOnly: from.trafficOnly,
    recvMoved: from.recvMoved,
    recvMovedBytes: from.recvMovedBytes,
    changedFields: from.changedFields,
  };
}
