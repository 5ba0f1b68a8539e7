import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, QueuesPart, ServerToClientEvents, Snapshot, StreamAuth } from '../../server/contract';
import { applyDelta, applyQueuesPart, viewFromSnapshot, withoutQueueRows, type LiveView } from '../../server/stream/apply-delta';
import { refusedByServer } from './stream-refusal';

export type LiveStatus =
  | 'connecting' // no snapshot yet since the page loaded
  | 'live' // connected, snapshot applied, deltas flowing
  | 'reconnecting' // the stream dropped; socket.io is retrying on its own
  | 'disconnected' // the server closed the stream on purpose; only a manual retry reconnects
  | 'unauthorized'; // the server refused the stream: signed out, session expired, or the viewer token was revoked

export type PulseSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the stream uses of a socket.io client socket (tests pass a fake). */
export type StreamSocket = Pick<PulseSocket, 'connected' | 'active' | 'on' | 'emit' | 'connect' | 'disconnect' | 'removeAllListeners' | 'timeout'>;

export interface LiveStreamOptions {
  /** Whether a mounted component shows queue rows now; read at every handshake and by syncInterest. */
  wantsQueues: () => boolean;
  onView: (view: LiveView) => void;
  onStatus: (patch: { status?: LiveStatus; lastMessageAt?: number }) => void;
  /** Every (re)connect, so series can re-fetch history they may have missed. */
  onConnect: () => void;
}

/** If a requested snapshot does not come, ask again rather than sit on a stale view forever. */
export const SNAPSHOT_RETRY_MS = 10_000;
/**
 * The server ends a stream on purpose when its credential ends (sign-out, a
 * revoked token). One retry tells that apart from anything else: refused
 * means unauthorized, accepted means the stream is simply back.
 */
export const RETRY_AFTER_SERVER_CLOSE_MS = 1000;
/** How long a request (a series, a connection's traffic) waits for its answer. */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The browser's end of the live stream over one socket: a snapshot on every
 * connect, deltas after it in sequence, and a new snapshot asked for when
 * one is missing, a target is unknown or queue rows do not fit. It keeps the
 * server told which parts the page shows. What it knows goes out through the
 * callbacks; it never touches React.
 */
export class LiveStream {
  // Deltas are applied against this, not against React state, so a gap is
  // detected on the delta that causes it rather than one render later.
  private current: LiveView | null = null;
  // Set while deltas cannot be trusted until a snapshot arrives: after a gap,
  // and after a reconnect (the server sends one on every connect).
  private snapshotDueSince: number | null = null;
  // What the server was last told: by each (re)connect's handshake, then by `interest` events.
  private toldQueues = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly socket: StreamSocket,
    private readonly opts: LiveStreamOptions,
  ) {
    socket.on('snapshot', (snapshot) => this.onSnapshot(snapshot));
    socket.on('delta', (delta) => this.onDelta(delta));
    socket.on('queues', (part) => this.onQueues(part));
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (err) => this.onConnectError(err));
  }

  /** The handshake's `auth`: called by socket.io on every (re)connect. */
  handshake(cb: (data: StreamAuth) => void): void {
    this.toldQueues = this.opts.wantsQueues();
    cb({ interest: { queues: this.toldQueues } });
  }

  start(): void {
    this.socket.connect();
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  /** Reconnect after the server closed the stream deliberately. */
  reconnect(): void {
    if (this.socket.connected) return;
    this.opts.onStatus({ status: 'reconnecting' });
    this.socket.connect();
  }

  /** The socket, its requests failing when unanswered within REQUEST_TIMEOUT_MS. */
  requests(): ReturnType<StreamSocket['timeout']> {
    return this.socket.timeout(REQUEST_TIMEOUT_MS);
  }

  /**
   * Tells the server when the page's wish differs from what it was told. A
   * component can register while a handshake is already under way (a page
   * inside Suspense mounts late), so this runs on every connect too, not
   * only when the wish changes.
   */
  syncInterest(): void {
    const wanted = this.opts.wantsQueues();
    if (!this.socket.connected || wanted === this.toldQueues) return;
    this.toldQueues = wanted;
    this.socket.emit('interest', { queues: wanted });
    if (!wanted && this.current) this.show(withoutQueueRows(this.current));
  }

  private requestSnapshot(reason: string): void {
    this.snapshotDueSince = Date.now();
    this.socket.emit('snapshot:request', { reason });
  }

  private show(view: LiveView): void {
    this.current = view;
    this.opts.onView(view);
  }

  private onSnapshot(snapshot: Snapshot): void {
    this.snapshotDueSince = null;
    this.show(viewFromSnapshot(snapshot));
    this.opts.onStatus({ status: 'live', lastMessageAt: Date.now() });
  }

  private onDelta(delta: Delta): void {
    const current = this.current;
    if (current === null) return; // the snapshot that precedes every delta is still on its way
    if (this.snapshotDueSince !== null) {
      if (Date.now() - this.snapshotDueSince > SNAPSHOT_RETRY_MS) this.requestSnapshot('expected snapshot did not arrive');
      return;
    }
    // applyDelta ignores targets it does not know; a target added on the
    // server after our snapshot would otherwise never appear.
    const unknown = delta.targets.find((t) => !current.targets.some((known) => known.id === t.targetId));
    if (unknown) {
      this.requestSnapshot(`delta for unknown target ${unknown.targetId}`);
      return;
    }
    const result = applyDelta(current, delta);
    if (!result.ok) {
      this.requestSnapshot(result.reason);
      return;
    }
    this.show(result.view);
    this.opts.onStatus({ lastMessageAt: Date.now() });
  }

  private onQueues(part: QueuesPart): void {
    // Rows that cannot be placed (no view yet, a snapshot due that may predate them, or another
    // seq) are not guessed at: a snapshot asked for now carries the queues the server knows we want.
    const next = this.current !== null && this.snapshotDueSince === null ? applyQueuesPart(this.current, part) : null;
    if (!next) {
      this.requestSnapshot(`queue rows as of ${part.seq} did not fit the view`);
      return;
    }
    this.show(next);
  }

  private onConnect(): void {
    this.snapshotDueSince = Date.now();
    this.opts.onConnect();
    this.syncInterest();
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    this.opts.onStatus({ status: reason === 'io server disconnect' || reason === 'io client disconnect' ? 'disconnected' : 'reconnecting' });
    if (reason === 'io server disconnect') this.retryTimer = setTimeout(() => this.socket.connect(), RETRY_AFTER_SERVER_CLOSE_MS);
  }

  // A refused credential stays refused: stop socket.io's retries. Anything
  // else (server down, network) it retries with backoff by itself.
  private onConnectError(err: Error): void {
    if (refusedByServer(err)) {
      this.socket.disconnect();
      this.opts.onStatus({ status: 'unauthorized' });
      return;
    }
    this.opts.onStatus({ status: this.socket.active ? 'reconnecting' : 'disconnected' });
  }
}
