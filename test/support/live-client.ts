import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, QueuesPart, ServerToClientEvents, StreamInterest } from '../../server/contract';
import { applyDelta, applyQueuesPart, viewFromSnapshot, type LiveView } from '../../server/stream/apply-delta';
import { waitFor } from './wait';

/**
 * A real socket.io client that keeps its view exactly as the dashboard does
 * (the same applyDelta), so integration tests check what a browser would show.
 */
export interface LiveClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  view: () => LiveView | null;
  deltas: Delta[];
  /** When each delta (by seq) arrived at this client. */
  receivedAt: Map<number, number>;
  snapshots: number;
  /** Queue parts received (answers to an `interest` that added queues). */
  queueParts: QueuesPart[];
  gaps: string[];
  waitForView: <T>(description: string, pick: (view: LiveView) => T | undefined | false, timeoutMs?: number) => Promise<T>;
  close: () => void;
}

/** `interest`: what the handshake asks for, as a page would; unset, the client says nothing and gets everything. */
export async function connectLiveClient(url: string, options: { interest?: StreamInterest } = {}): Promise<LiveClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    reconnection: false,
    ...(options.interest ? { auth: { interest: options.interest } } : {}),
  });
  let view: LiveView | null = null;
  const client: LiveClient = {
    socket,
    view: () => view,
    deltas: [],
    receivedAt: new Map(),
    snapshots: 0,
    queueParts: [],
    gaps: [],
    waitForView: (description, pick, timeoutMs = 15_000) => waitFor(description, () => (view ? pick(view) : undefined), { timeoutMs, intervalMs: 100 }),
    close: () => socket.close(),
  };
  socket.on('snapshot', (s) => {
    client.snapshots++;
    view = viewFromSnapshot(s);
  });
  socket.on('queues', (part) => {
    client.queueParts.push(part);
    if (!view) return;
    const next = applyQueuesPart(view, part);
    if (next) view = next;
    else {
      client.gaps.push(`queue rows as of ${part.seq} at ${view.seq}`);
      socket.emit('snapshot:request', { reason: 'queue rows out of step' });
    }
  });
  socket.on('delta', (d) => {
    client.receivedAt.set(d.seq, Date.now());
    client.deltas.push(d);
    if (!view) return;
    const result = applyDelta(view, d);
    if (result.ok) view = result.view;
    else {
      client.gaps.push(result.reason);
      socket.emit('snapshot:request', { reason: result.reason });
    }
  });
  await waitFor('the first snapshot', () => view !== null, { timeoutMs: 10_000, intervalMs: 50 });
  return client;
}
