'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConnectionHealth, ConnectionSample, QueueHealth, QueueSample } from '../../server/contract';
import { useLiveApi, useLiveStatus, useLiveView } from './LiveStateProvider';
import { rowKeyOf } from './rows';

/** Charts show the last hour; older points are dropped as new ones arrive. */
export const SERIES_WINDOW_MS = 60 * 60 * 1000;
/** A hard cap as well, in case the server polls far faster than every 5 s. */
const MAX_POINTS = 3600;

export type SeriesStatus = 'loading' | 'ready' | 'error';

export interface LiveSeries<S> {
  samples: S[];
  status: SeriesStatus;
  error: string | null;
}

interface State<S> extends LiveSeries<S> {
  key: string;
}

interface Reply<S> {
  ok: boolean;
  error?: string;
  samples: S[];
}

/**
 * History from the server once (and again after every reconnect, since points
 * were missed while away), then one point appended per poll from live data.
 * `livePoint` must change identity only when a new poll was observed, and
 * `fetchHistory` only when `key` does (memoise both).
 */
export function useLiveSeries<S extends { at: number }>(
  key: string,
  fetchHistory: () => Promise<Reply<S>>,
  livePoint: S | null,
): LiveSeries<S> {
  const { epoch } = useLiveStatus();
  const [state, setState] = useState<State<S>>({ key, samples: [], status: 'loading', error: null });

  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.key === key ? { ...s, status: 'loading' } : { key, samples: [], status: 'loading', error: null }));
    fetchHistory().then((reply) => {
      if (cancelled) return;
      setState((s) => {
        const collected = s.key === key ? s.samples : [];
        if (!reply.ok) return { key, samples: collected, status: 'error', error: reply.error ?? 'the server could not provide history' };
        return { key, samples: mergeHistory(reply.samples, collected), status: 'ready', error: null };
      });
    });
    return () => {
      cancelled = true;
    };
  }, [key, epoch, fetchHistory]);

  useEffect(() => {
    if (!livePoint) return;
    setState((s) => (s.key === key ? { ...s, samples: appendPoint(s.samples, livePoint) } : s));
  }, [key, livePoint]);

  return state.key === key ? state : { samples: [], status: 'loading', error: null };
}

/** History first, then any live points that arrived while it was in flight. */
function mergeHistory<S extends { at: number }>(history: S[], collected: S[]): S[] {
  const lastAt = history.length > 0 ? history[history.length - 1]!.at : -Infinity;
  return trim([...history, ...collected.filter((p) => p.at > lastAt)]);
}

function appendPoint<S extends { at: number }>(samples: S[], point: S): S[] {
  const last = samples[samples.length - 1];
  if (last && point.at <= last.at) return samples;
  return trim([...samples, point]);
}

function trim<S extends { at: number }>(samples: S[]): S[] {
  const last = samples[samples.length - 1];
  if (!last) return samples;
  const cutoff = last.at - SERIES_WINDOW_MS;
  let start = 0;
  while (start < samples.length && samples[start]!.at < cutoff) start++;
  start = Math.max(start, samples.length - MAX_POINTS);
  return start > 0 ? samples.slice(start) : samples;
}

/** The poll time of a target's latest data: its observedAt, else the server time of the last message. */
export function useObservedAt(targetId: string): number | null {
  const view = useLiveView();
  if (!view) return null;
  const target = view.targets.find((t) => t.id === targetId);
  if (!target) return null;
  return target.observedAt ?? view.serverTime;
}

export function useConnectionSeries(targetId: string, connection: ConnectionHealth | null, connectionId: string) {
  const api = useLiveApi();
  const observedAt = useObservedAt(targetId);
  const fetchHistory = useCallback(() => api.connectionSeries({ targetId, connectionId }), [api, targetId, connectionId]);
  const livePoint = useMemo<ConnectionSample | null>(
    () =>
      connection && observedAt !== null
        ? { at: observedAt, silenceSec: connection.silenceSec, heartbeatMarginSec: connection.heartbeatMarginSec, unacked: connection.unacked }
        : null,
    // A point per poll: observedAt marks the poll, the connection carries its values.
    [observedAt, connection],
  );
  return useLiveSeries(rowKeyOf(targetId, connectionId), fetchHistory, livePoint);
}

export function useQueueSeries(targetId: string, queue: QueueHealth | null, queueId: string) {
  const api = useLiveApi();
  const observedAt = useObservedAt(targetId);
  const fetchHistory = useCallback(() => api.queueSeries({ targetId, queueId }), [api, targetId, queueId]);
  const livePoint = useMemo<QueueSample | null>(
    () => (queue && observedAt !== null ? { at: observedAt, ready: queue.ready, unacked: queue.unacked } : null),
    [observedAt, queue],
  );
  return useLiveSeries(rowKeyOf(targetId, queueId), fetchHistory, livePoint);
}
