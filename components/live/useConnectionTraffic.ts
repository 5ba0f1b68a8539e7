'use client';

import { useEffect, useState } from 'react';
import type { ConnectionTraffic } from '../../server/contract';
import { useLiveApi } from './LiveStateProvider';
import { rowKeyOf } from './rows';
import { useObservedAt } from './useLiveSeries';

/**
 * A connection's rates, asked for again at each poll of its target while the
 * page is open: null until the first answer, or when the server has none.
 */
export function useConnectionTraffic(targetId: string, connectionId: string): ConnectionTraffic | null {
  const api = useLiveApi();
  const observedAt = useObservedAt(targetId);
  const [traffic, setTraffic] = useState<{ key: string; value: ConnectionTraffic | null }>({ key: '', value: null });
  const key = rowKeyOf(targetId, connectionId);
  useEffect(() => {
    let cancelled = false;
    void api.connectionTraffic({ targetId, connectionId }).then((reply) => {
      // A failed ask keeps the last answer: the rates are a detail, not worth a flash of dashes.
      if (!cancelled && reply.ok) setTraffic({ key, value: reply.traffic });
    });
    return () => {
      cancelled = true;
    };
  }, [api, targetId, connectionId, key, observedAt]);
  return traffic.key === key ? traffic.value : null;
}
