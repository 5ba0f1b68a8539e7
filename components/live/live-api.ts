import type { ConnectionSeriesReply, ConnectionSeriesRequest, ConnectionTrafficReply, QueueSeriesReply, QueueSeriesRequest } from '../../server/contract';
import { REQUEST_TIMEOUT_MS, type LiveStream } from './live-stream';

/** What pages may ask the server over the live stream. */
export interface LiveApi {
  connectionSeries(request: ConnectionSeriesRequest): Promise<ConnectionSeriesReply>;
  /** A connection's rates at the latest poll (not streamed: they move with every heartbeat). */
  connectionTraffic(request: ConnectionSeriesRequest): Promise<ConnectionTrafficReply>;
  queueSeries(request: QueueSeriesRequest): Promise<QueueSeriesReply>;
  /** Reconnect after the server closed the stream deliberately. */
  reconnect(): void;
}

/**
 * The requests over whichever stream is current (`stream()`), each answering
 * with `ok: false` and the reason instead of throwing: no stream yet, or no
 * answer in time.
 */
export function liveApi(stream: () => LiveStream | null): LiveApi {
  const ask = async <R extends { ok: boolean; error?: string }>(send: (requests: ReturnType<LiveStream['requests']>) => Promise<R>, empty: () => R): Promise<R> => {
    const current = stream();
    if (!current) return { ...empty(), ok: false, error: 'not connected to the rabbitpulse server' };
    try {
      return await send(current.requests());
    } catch {
      return { ...empty(), ok: false, error: `no answer from the rabbitpulse server within ${REQUEST_TIMEOUT_MS / 1000} s` };
    }
  };
  return {
    connectionSeries: (request) =>
      ask(
        (s) => s.emitWithAck('series:connection', request),
        () => ({ ok: false, samples: [] }),
      ),
    connectionTraffic: (request) =>
      ask(
        (s) => s.emitWithAck('traffic:connection', request),
        () => ({ ok: false, traffic: null }),
      ),
    queueSeries: (request) =>
      ask(
        (s) => s.emitWithAck('series:queue', request),
        () => ({ ok: false, samples: [] }),
      ),
    reconnect: () => stream()?.reconnect(),
  };
}
