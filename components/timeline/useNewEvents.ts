'use client';

import { useCallback, useEffect, useState } from 'react';
import type { PulseEvent } from '../../server/contract';
import { useNowTick } from '../live/LiveStateProvider';

/** How long an event that arrived while the page was open stays highlighted. */
export const NEW_FOR_MS = 10_000;

interface Arrivals {
  primed: boolean;
  /** Event id → when this page first saw it; 0 for those already there when it opened. */
  at: ReadonlyMap<string, number>;
}

/**
 * Remembers which events arrived while the page was open, so they can be
 * highlighted for a few seconds; those present on arrival are not news.
 */
export function useNewEvents(events: readonly PulseEvent[]): (id: string) => boolean {
  const [arrivals, setArrivals] = useState<Arrivals>({ primed: false, at: new Map() });
  const now = useNowTick();

  useEffect(() => {
    setArrivals((prev) => {
      const missing = events.filter((e) => !prev.at.has(e.id));
      if (missing.length === 0 && prev.primed) return prev;
      const stamp = prev.primed ? Date.now() : 0;
      const at = new Map(prev.at);
      for (const e of missing) at.set(e.id, stamp);
      // The view keeps a bounded list; forget ids that have dropped off it.
      if (at.size > events.length * 2) {
        const live = new Set(events.map((e) => e.id));
        for (const id of at.keys()) if (!live.has(id)) at.delete(id);
      }
      return { primed: true, at };
    });
  }, [events]);

  return useCallback(
    (id: string) => {
      const at = arrivals.at.get(id);
      return at !== undefined && at > 0 && now - at < NEW_FOR_MS;
    },
    [arrivals, now],
  );
}
