'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { StreamInterest } from '../../server/contract';
import type { LiveView } from '../../server/stream/apply-delta';
import { liveApi, type LiveApi } from './live-api';
import { LiveStream, type LiveStatus, type PulseSocket } from './live-stream';

/**
 * The browser's only socket.io client, held by a LiveStream (live-stream.ts:
 * snapshots, deltas, gaps, interest); this provider only puts what it reports
 * into React. Everything else reads the live state through the hooks below,
 * so pages never know a socket exists.
 */

interface LiveStatusValue {
  status: LiveStatus;
  /** When the last snapshot or delta arrived (browser clock); null before the first one. */
  lastMessageAt: number | null;
  /** Increments on every (re)connect, so series can re-fetch history they may have missed. */
  epoch: number;
}

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
  const streamRef = useRef<LiveStream | null>(null);
  // How many mounted components show queue rows. Kept here, not in the stream: children
  // register in their effects, which run before this provider's effect creates the stream.
  const queuesWanted = useRef(0);

  useEffect(() => {
    // WebSocket first (a multi-megabyte snapshot should not ride a long-poll),
    // falling back to polling where a proxy blocks WebSockets. A viewer token
    // goes in the URL, where the server's handshake check can see it.
    const socket: PulseSocket = io({
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      autoConnect: false,
      auth: (cb) => stream.handshake(cb),
      ...(token ? { query: { token } } : {}),
    });
    const stream = new LiveStream(socket, {
      wantsQueues: () => queuesWanted.current > 0,
      onView: setView,
      onStatus: (patch) => setStatusValue((s) => ({ ...s, ...patch })),
      onConnect: () => setStatusValue((s) => ({ ...s, epoch: s.epoch + 1 })),
    });
    streamRef.current = stream;
    stream.start();
    return () => {
      stream.stop();
      streamRef.current = null;
    };
  }, [token]);

  const wantPart = useCallback<WantPart>(() => {
    queuesWanted.current++;
    streamRef.current?.syncInterest();
    return () => {
      queuesWanted.current--;
      streamRef.current?.syncInterest();
    };
  }, []);

  const api = useMemo(() => liveApi(() => streamRef.current), []);

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
