import type WebSocket from 'ws';
import type { ConnectionHealth, Delta, QueueHealth, StreamInterest } from '../../../server/contract';
import { decodeHandles } from '../../../server/stream/liveness';
import { connectLiveClient, type LiveClient } from '../../../test/support/live-client';
import { waitFor } from '../../../test/support/wait';

/**
 * Counts the raw WebSocket frames the server sends to one real socket.io
 * client (test/support's LiveClient, which applies deltas as the browser
 * does): payload plus frame header, as they cross the wire. The server sends
 * uncompressed frames (engine.io's perMessageDeflate is off by default), so
 * this is what a browser downloads.
 *
 * Each delta frame is also taken apart: what kind of delta it is, and for a
 * poll's delta, which fields of each re-sent connection actually changed —
 * the evidence for why a poll costs what it costs.
 */
export type FrameKind = 'poll' | 'event' | 'probe' | 'self-health' | 'alerts' | 'snapshot' | 'other' | 'engine';

export interface Frame {
  at: number;
  bytes: number;
  kind: FrameKind;
}

export interface PollFrame extends Frame {
  seq: number;
  serverTime: number;
  /** Poll start as the app recorded it (summary.observedAt). */
  observedAt: number;
  /** Fetch + parse in the poll worker (status.lastPollDurationMs). */
  fetchMs: number;
  /** From the worker's reply to the delta leaving the hub: analysis, diff, store, emit. */
  mainMs: number;
  upserts: number;
  removals: number;
  queueUpserts: number;
  /** Bytes of the re-sent connection rows and queue rows; the rest is the summary, the chart sample and framing. */
  connectionRowBytes: number;
  queueRowBytes: number;
  /** Field name → how many re-sent connections had it changed. */
  changedFields: Record<string, number>;
  /** Re-sent connections whose only changes are the inbound-byte clock and the byte rates. */
  trafficOnly: number;
  /** Connections named in recvMoved (heard from at this poll, not re-sent), and the bytes that list took. */
  recvMoved: number;
  recvMovedBytes: number;
}

export interface MeteredClient {
  live: LiveClient;
  frames: Frame[];
  polls: PollFrame[];
  /** Resolves with the first poll frame after `afterSeq`. */
  nextPoll(afterSeq?: number, timeoutMs?: number): Promise<PollFrame>;
  /**
   * When an event (by id) first appeared in the client's view — what a browser
   * would show. Later than its delta's arrival when that delta came out of
   * order: the client then asks for a whole snapshot (a sequence gap).
   */
  shownAt(eventId: string): number | undefined;
  /** Alert changes received since the last clear(), by `rule state`. */
  alertChanges: Record<string, number>;
  /** Sequence gaps the client has seen so far (each answered by a full snapshot). */
  gaps(): number;
  /** Asks for a fresh snapshot and resolves with its frame size. */
  snapshotBytes(): Promise<number>;
  /** Drops what was recorded so far (frames, polls, the LiveClient's delta list) to bound memory. */
  clear(): void;
  close(): void;
}

/** Fields that move with any traffic on a connection — heartbeats included. */
const TRAFFIC_FIELDS = new Set(['recvChangedAt', 'silenceSinceFirstSeen']);
/** Derived by the receiver from recvChangedAt; not compared. */
const DERIVED_FIELDS = new Set(['silenceSec', 'heartbeatMarginSec']);

/** `interest`: what the client's page shows, as a browser's handshake says (StreamInterest). */
export async function connectMeteredClient(url: string, interest: StreamInterest): Promise<MeteredClient> {
  const live = await connectLiveClient(url, { interest });
  const known = new Map<string, ConnectionHealth>();
  const knownQueues = new Map<string, QueueHealth>();
  for (const t of live.view()?.targets ?? []) {
    for (const c of t.connections) known.set(c.id, c);
    for (const q of t.queues) knownQueues.set(q.id, q);
  }
  const frames: Frame[] = [];
  const polls: PollFrame[] = [];
  const alertChanges: Record<string, number> = {};
  let snapshotWaiter: ((bytes: number) => void) | null = null;
  const shown = new Map<string, number>();
  // Registered after LiveClient's own handlers, so the view is already updated when these run.
  const noteShown = () => {
    const now = Date.now();
    for (const e of live.view()?.events.slice(0, 50) ?? []) if (!shown.has(e.id)) shown.set(e.id, now);
  };
  noteShown();
  live.socket.on('delta', noteShown);
  live.socket.on('snapshot', noteShown);

  const ws = (live.socket.io.engine.transport as unknown as { ws: WebSocket }).ws;
  ws.on('message', (data: Buffer) => {
    const at = Date.now();
    const bytes = data.length + frameHeaderBytes(data.length);
    const text = data.toString('utf8');
    if (!text.startsWith('42')) return void frames.push({ at, bytes, kind: 'engine' });
    const [event, payload] = JSON.parse(text.slice(2)) as [string, unknown];
    if (event === 'snapshot') {
      frames.push({ at, bytes, kind: 'snapshot' });
      snapshotWaiter?.(bytes);
      return;
    }
    if (event !== 'delta') return void frames.push({ at, bytes, kind: 'other' });
    const delta = payload as Delta;
    const frame: Frame = { at, bytes, kind: kindOf(delta) };
    frames.push(frame);
    for (const a of delta.alerts ?? []) alertChanges[`${a.rule} ${a.state}`] = (alertChanges[`${a.rule} ${a.state}`] ?? 0) + 1;
    const poll = frame.kind === 'poll' ? pollFrame(frame, delta, known, knownQueues) : null;
    if (poll) polls.push(poll);
    else for (const t of delta.targets) for (const id of t.removeConnections) known.delete(id);
  });

  return {
    live,
    frames,
    polls,
    nextPoll: (afterSeq = -1, timeoutMs = 30_000) =>
      waitFor('the next poll delta', () => polls.find((p) => p.seq > afterSeq), { timeoutMs, intervalMs: 10 }),
    alertChanges,
    shownAt: (id) => shown.get(id),
    gaps: () => live.gaps.length,
    snapshotBytes: () =>
      new Promise<number>((resolve) => {
        snapshotWaiter = (bytes) => {
          snapshotWaiter = null;
          resolve(bytes);
        };
        live.socket.emit('snapshot:request', { reason: 'benchmark: measuring the snapshot size' });
      }),
    clear: () => {
      frames.length = 0;
      polls.length = 0;
      for (const key of Object.keys(alertChanges)) delete alertChanges[key];
      live.deltas.length = 0;
      live.receivedAt.clear();
    },
    close: () => live.close(),
  };
}

function kindOf(d: Delta): FrameKind {
  if (d.targets.some((t) => t.sample)) return 'poll';
  if (d.events.length) return 'event';
  if (d.targets.some((t) => t.probe || t.probeSamples)) return 'probe';
  if (d.selfHealth) return 'self-health';
  if (d.alerts || d.removeAlerts || d.silences || d.deliveries) return 'alerts';
  return 'other';
}

function pollFrame(frame: Frame, d: Delta, known: Map<string, ConnectionHealth>, knownQueues: Map<string, QueueHealth>): PollFrame | null {
  const t = d.targets.find((x) => x.sample && x.summary);
  if (!t?.summary?.observedAt) return null;
  const changedFields: Record<string, number> = {};
  let trafficOnly = 0;
  for (const c of t.upsertConnections) {
    const before = known.get(c.id);
    const fields = before ? changedFieldsOf(before, c) : ['(new)'];
    for (const f of fields) changedFields[f] = (changedFields[f] ?? 0) + 1;
    if (fields.length > 0 && fields.every((f) => TRAFFIC_FIELDS.has(f))) trafficOnly++;
    known.set(c.id, c);
  }
  for (const id of t.removeConnections) known.delete(id);
  // Queue rows, named `queue.<field>` (rates by rate), so a poll's queue bytes have their reason too.
  for (const q of t.upsertQueues) {
    const before = knownQueues.get(q.id);
    const fields = before ? changedQueueFields(before, q) : ['(new)'];
    for (const f of fields) changedFields[`queue.${f}`] = (changedFields[`queue.${f}`] ?? 0) + 1;
    knownQueues.set(q.id, q);
  }
  for (const id of t.removeQueues) knownQueues.delete(id);
  const status = t.summary.status;
  if (!status) return null;
  return {
    ...frame,
    seq: d.seq,
    serverTime: d.serverTime,
    observedAt: t.summary.observedAt,
    fetchMs: status.lastPollDurationMs ?? NaN,
    mainMs: d.serverTime - (status.lastPollAt ?? NaN),
    upserts: t.upsertConnections.length,
    removals: t.removeConnections.length,
    queueUpserts: t.upsertQueues.length,
    connectionRowBytes: Buffer.byteLength(JSON.stringify(t.upsertConnections)),
    queueRowBytes: Buffer.byteLength(JSON.stringify(t.upsertQueues)),
    changedFields,
    trafficOnly,
    recvMoved: t.recvMoved ? decodeHandles(t.recvMoved).length : 0,
    recvMovedBytes: t.recvMoved ? Buffer.byteLength(JSON.stringify(t.recvMoved)) : 0,
  };
}

/** Top-level fields that differ; channel changes are named by the channel field that changed. */
function changedFieldsOf(a: ConnectionHealth, b: ConnectionHealth): string[] {
  const out: string[] = [];
  for (const key of Object.keys(b) as Array<keyof ConnectionHealth>) {
    if (DERIVED_FIELDS.has(key) || key === 'channels') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(key);
  }
  if (JSON.stringify(a.channels) !== JSON.stringify(b.channels)) {
    const before = new Map(a.channels.map((ch) => [ch.id, ch]));
    const names = new Set<string>();
    for (const ch of b.channels) {
      const old = before.get(ch.id);
      if (!old) names.add('channels.(added)');
      else for (const k of Object.keys(ch) as Array<keyof typeof ch>) if (JSON.stringify(old[k]) !== JSON.stringify(ch[k])) names.add(`channels.${k}`);
    }
    if (b.channels.length < a.channels.length) names.add('channels.(removed)');
    out.push(...names);
  }
  return out;
}

function changedQueueFields(a: QueueHealth, b: QueueHealth): string[] {
  const out: string[] = [];
  for (const key of Object.keys(b) as Array<keyof QueueHealth>) {
    if (key === 'rates') {
      for (const r of Object.keys(b.rates) as Array<keyof QueueHealth['rates']>) if (a.rates[r] !== b.rates[r]) out.push(`rates.${r}`);
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(key);
  }
  return out;
}

/** A server-to-client WebSocket frame header (unmasked): 2 bytes, plus 2 or 8 for longer payloads. */
function frameHeaderBytes(len: number): number {
  return 2 + (len < 126 ? 0 : len < 65536 ? 2 : 8);
}
