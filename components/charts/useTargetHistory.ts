'use client';

import { useEffect, useState } from 'react';
import type { TargetSample } from '../../server/contract';
import { useLiveStatus } from '../live/LiveStateProvider';
import type { RangeId } from '../../server/shared/chart-ranges';
import { isHistoryReply, type HistoryResolution } from './chart-range';

/** Stored history is refreshed this often while a range that needs it is shown. */
export const HISTORY_REFRESH_MS = 30_000;

export interface TargetHistory {
  status: 'idle' | 'loading' | 'ready' | 'error';
  resolution: HistoryResolution | null;
  samples: TargetSample[];
  error: string | null;
}

interface State extends TargetHistory {
  key: string;
}

const IDLE = (key: string): State => ({ key, status: 'idle', resolution: null, samples: [], error: null });

/**
 * A target's stored chart series for one range, from GET
 * /api/v1/targets/{id}/history, fetched while `enabled` and again every
 * HISTORY_REFRESH_MS (skipped while the tab is hidden) and after every
 * reconnect. The last answer is kept while a refresh is in flight.
 */
export function useTargetHistory(targetId: string, range: RangeId, enabled: boolean): TargetHistory {
  const { epoch } = useLiveStatus();
  const key = `${targetId}|${range}`;
  const [state, setState] = useState<State>(() => IDLE(key));

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let controller: AbortController | null = null;
    const load = async () => {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      setState((s) => (s.key === key ? { ...s, status: s.status === 'ready' ? 'ready' : 'loading' } : { ...IDLE(key), status: 'loading' }));
      try {
        const res = await fetch(`/api/v1/targets/${encodeURIComponent(targetId)}/history?range=${range}`, { signal: mine.signal, headers: { accept: 'application/json' } });
        const body: unknown = await res.json().catch(() => null);
        if (cancelled || mine.signal.aborted) return;
        if (!res.ok || !isHistoryReply(body)) {
          const said = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${res.status}`;
          setState((s) => ({ ...(s.key === key ? s : IDLE(key)), status: 'error', error: `Stored history unavailable: ${said}.` }));
          return;
        }
        setState({ key, status: 'ready', resolution: body.resolution, samples: body.samples, error: null });
      } catch (err) {
        if (cancelled || (err as Error).name === 'AbortError') return;
        setState((s) => ({ ...(s.key === key ? s : IDLE(key)), status: 'error', error: 'Stored history unavailable: could not reach the rabbitpulse server.' }));
      }
    };
    void load();
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) void load();
    }, HISTORY_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
      controller?.abort();
    };
  }, [key, targetId, range, enabled, epoch]);

  return state.key === key ? state : IDLE(key);
}
