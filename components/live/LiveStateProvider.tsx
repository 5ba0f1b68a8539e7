'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ConnectionSeriesReply,
  ConnectionSeriesRequest,
  ConnectionTrafficReply,
  Delta,
  QueueSeriesReply,
  QueueSeriesRequest,
  QueuesPart,
  ServerToClientEvents,
  Snapshot,
  StreamAuth,
  StreamInterest,
} from '../../server/contract';
import { applyDelta, applyQueuesPart, viewFromSnapshot, withoutQueueRows, type LiveView } from './apply-delta';
import { refusedByServer } from './stream-refusal';

/**
 * The browser's only socket.io client. Everything else reads the live state
 * through the hooks below, so pages never know a socket exists.
 */

export type LiveStatus =
  | 'connecting' // no snapshot yet since the page loaded
  | 'live' // connected, snapshot applied, deltas flowing
  | 'reconnecting' // the stream dropped; socket.io is retrying on its own
  | 'disconnected' // the server closed the stream on purpose; only a manual retry reconnects
  | 'unauthorized'; // the server refused the stream: signed out, session expired, or the viewer token was revoked

interface LiveStatusValue {
  status: LiveStatus;
  /** When the last snapshot or delta arrived (browser clock); null before the first one. */
  lastMessageAt: number | null;
  /** Increments on every (re)connect, so series can re-fetch history they may have missed. */
  epoch: number;
}

export interface LiveApi {
  connectionSeries(request: ConnectionSeriesRequest): Promise<ConnectionSeriesReply>;
  /** A connection's rates at the latest poll (not streamed: they move with every heartbeat). */
  connectionTraffic(request: ConnectionSeriesRequest): Promise<ConnectionTrafficReply>;
  queueSeries(request: QueueSeriesRequest): Promise<QueueSeriesReply>;
  /** Reconnect after the server closed the stream deliberately. */
  reconnect(): void;
}

type PulseSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SERIES_TIMEOUT_MS = 10_000;
/** If a requested snapshot does not come, ask again rather than sit on a stale view forever. */
const SNAPSHOT_RETRY_MS = 10_000;
/**
 * The server ends a stream on purpose when its credential ends (sign-out, a
 * revoked token). One retry tells that apart from anything else: refused
 * means unauthorized, accepted means the stream is simply back.
 */
const RETRY_AFTER_SERVER_CLOSE_MS = 1000;

const ViewContext = createContext<LiveView | null>(null);
const StatusContext = createContext<LiveStatusValue>({ status: 'connecting', lastMessageAt: null, epoch: 0 });
const NowContext = createContext<number>(0);
const ApiContext = createContext<LiveApi | null>(null);
/** Registers a component that shows a part of the stream; returns its unregister. (Queue rows are the only part so far.) */
type WantPart = (part: keyof StreamInterest) => () => void;
const InterestContext = createContext<WantPart | null>(null);

/**
 * `token`: a viewer token for the handshake, for a wall inside another site's
 * frame, where the browser does not send our SameSite cookies.
 */
export function LiveStateProvider({ children, token }: { children: ReactNode; token?: string }) {
  const [view, setView] = useState<LiveView | null>(null);
  const [statusValue, setStatusValue] = useState<LiveStatusValue>({ status: 'connecting', lastMessageAt: null, epoch: 0 });
  const now = useNow();
  const socketRef = useRef<PulseSocket | null>(null);
  // How many mounted components show queue rows, and how to tell the server when that changes.
  const queuesWanted = useRef(0);
  const syncInterestRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    // What the server was last told: by each (re)connect's handshake, then by `interest` events.
    let toldQueues = false;
    const auth = (cb: (data: StreamAuth) => void) => {
      toldQueues = queuesWanted.current > 0;
      cb({ interest: { queues: toldQueues } });
    };
    // WebSocket first (a multi-megabyte snapshot should not ride a long-poll),
    // falling back to polling where a proxy blocks WebSockets. A viewer token
    // goes in the URL, where the server's handshake check can see it.
    const socket: PulseSocket = io({ transports: ['websocket', 'polling'], tryAllTransports: true, auth, ...(token ? { query: { token } } : {}) });
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    socketRef.current = socket;
    // Deltas are applied against this, not against React state, so a gap is
    // detected on the delta that causes it rather than one render later.
    let current: LiveView | null = null;
    // Set while deltas cannot be trusted until a snapshot arrives: after a gap,
    // and after a reconnect (the server sends one on every connect).
    let snapshotDueSince: number | null = null;

    const setStatus = (patch: Partial<LiveStatusValue>) => setStatusValue((s) => ({ ...s, ...patch }));

    const requestSnapshot = (reason: string) => {
      snapshotDueSince = Date.now();
      socket.emit('snapshot:request', { reason });
    };

    const onSnapshot = (snapshot: Snapshot) => {
      current = viewFromSnapshot(snapshot);
      snapshotDueSince = null;
      setView(current);
      setStatus({ status: 'live', lastMessageAt: Date.now() });
    };

    const onDelta = (delta: Delta) => {
      if (current === null) return; // the snapshot that precedes every delta is still on its way
      if (snapshotDueSince !== null) {
        if (Date.now() - snapshotDueSince > SNAPSHOT_RETRY_MS) requestSnapshot('expected snapshot did not arrive');
        return;
      }
      // applyDelta ignores targets it does not know; a target added on the
      // server after our snapshot would otherwise never appear.
      const unknown = delta.targets.find((t) => !current?.targets.some((known) => known.id === t.targetId));
      if (unknown) {
        requestSnapshot(`delta for unknown target ${unknown.targetId}`);
        return;
      }
      const result = applyDelta(current, delta);
      if (!result.ok) {
        requestSnapshot(result.reason);
        return;
      }
      current = result.view;
      setView(current);
      setStatus({ lastMessageAt: Date.now() });
    };

    const onQueues = (part: QueuesPart) => {
      // Rows that cannot be placed (no view yet, a snapshot due that may predate them, or another
      // seq) are not guessed at: a snapshot asked for now carries the queues the server knows we want.
      const next = current !== null && snapshotDueSince === null ? applyQueuesPart(current, part) : null;
      if (!next) {
        requestSnapshot(`queue rows as of ${part.seq} did not fit the view`);
        return;
      }
      current = next;
      setView(current);
    };

    // Tells the server when the page's wish differs from what it was told. A component can
    // register while a handshake is already under way (a page inside Suspense mounts late),
    // so this runs on every connect too, not only when the wish changes.
    const syncInterest = () => {
      const wanted = queuesWanted.current > 0;
      if (!socket.connected || wanted === toldQueues) return;
      toldQueues = wanted;
      socket.emit('interest', { queues: wanted });
      if (!wanted && current) {
        current = withoutQueueRows(current);
        setView(current);
      }
    };
    syncInterestRef.current = syncInterest;

    const onConnect = () => {
      snapshotDueSince = Date.now();
      setStatusValue((s) => ({ ...s, epoch: s.epoch + 1 }));
      syncInterest();
    };

    const onDisconnect = (reason: Socket.DisconnectReason) => {
      setStatus({ status: reason === 'io server disconnect' || reason === 'io client disconnect' ? 'disconnected' : 'reconnecting' });
      if (reason === 'io server disconnect') retryTimer = setTimeout(() => socket.connect(), RETRY_AFTER_SERVER_CLOSE_MS);
    };

    // A refused credential stays refused: stop socket.io's retries. Anything
    // else (server down, network) it retries with backoff by itself.
    const onConnectError = (err: Error) => {
      if (refusedByServer(err)) {
        socket.disconnect();
        setStatus({ status: 'unauthorized' });
        return;
      }
      setStatus({ status: socket.active ? 'reconnecting' : 'disconnected' });
    };

    socket.on('snapshot', onSnapshot);
    socket.on('delta', onDelta);
    socket.on('queues', onQueues);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);

    return () => {
      if (retryTimer) clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      syncInterestRef.current = null;
    };
  }, [token]);

  const wantPart = useCallback<WantPart>(() => {
    queuesWanted.current++;
    syncInterestRef.current?.();
    return () => {
      queuesWanted.current--;
      syncInterestRef.current?.();
    };
  }, []);

  const reconnect = useCallback(() => {
    const socket = socketRef.current;
    if (socket && !socket.connected) {
      setStatusValue((s) => ({ ...s, status: 'reconnecting' }));
      socket.connect();
    }
  }, []);

  const api = useMemo<LiveApi>(() => {
    const withSocket = async <R extends { ok: boolean; error?: string }>(
      send: (socket: PulseSocket) => Promise<R>,
      empty: () => R,
    ): Promise<R> => {
      const socket = socketRef.current;
      if (!socket) return { ...empty(), ok: false, error: 'not connected to the rabbitpulse server' };
      try {
        return await send(socket);
      } catch {
        return { ...empty(), ok: false, error: `no answer from the rabbitpulse server within ${SERIES_TIMEOUT_MS / 1000} s` };
      }
    };
    return {
      connectionSeries: (request) =>
        withSocket(
          (s) => s.timeout(SERIES_TIMEOUT_MS).emitWithAck('series:connection', request),
          () => ({ ok: false, samples: [] }),
        ),
      connectionTraffic: (request) =>
        withSocket(
          (s) => s.timeout(SERIES_TIMEOUT_MS).emitWithAck('traffic:connection', request),
          () => ({ ok: false, traffic: null }),
        ),
      queueSeries: (request) =>
        withSocket(
          (s) => s.timeout(SERIES_TIMEOUT_MS).emitWithAck('series:queue', request),
          () => ({ ok: false, samples: [] }),
        ),
      reconnect,
    };
  }, [reconnect]);

  return (
    <ApiContext.Provider value={api}>
      <InterestContext.Provider value={wantPart}>
        <StatusContext.Provider value={statusValue}>
          <ViewContext.Provider value={view}>
            <NowContext.Provider value={now}>{children}</NowContext.Provider>
          </ViewContext.Provider>
        </StatusContext.Provider>
      </InterestContext.Provider>
    </ApiContext.Provider>
  );
}

/** A clock that ticks once a second, shared so every "3 s ago" on the page agrees. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Says the calling component shows `part` of the stream (queue rows), so the
 * server sends it while the component is mounted. Null: nothing extra.
 */
export function useStreamInterest(part: keyof StreamInterest | null): void {
  const want = useContext(InterestContext);
  useEffect(() => (want && part ? want(part) : undefined), [want, part]);
}

/** The latest server state, or null until the first snapshot arrives. */
export function useLiveView(): LiveView | null {
  return useContext(ViewContext);
}

export interface LiveStatusInfo {
  status: LiveStatus;
  /** Milliseconds since the last message; null before the first one. */
  dataAgeMs: number | null;
  lastMessageAt: number | null;
  epoch: number;
}

export function useLiveStatus(): LiveStatusInfo {
  const { status, lastMessageAt, epoch } = useContext(StatusContext);
  const now = useContext(NowContext);
  return { status, lastMessageAt, epoch, dataAgeMs: lastMessageAt === null ? null : Math.max(0, now - lastMessageAt) };
}

/** Wall-clock time, updated every second. */
export function useNowTick(): number {
  return useContext(NowContext);
}

export function useLiveApi(): LiveApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useLiveApi must be used inside <LiveStateProvider> (app/(dashboard)/layout.tsx and components/wall/WallRoot.tsx render it).');
  return api;
}
