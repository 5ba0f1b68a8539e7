'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from './api';

export interface Action<A extends unknown[], T> {
  busy: boolean;
  /** The last failure in plain words; cleared when the action is run again. */
  error: string | null;
  run: (...args: A) => Promise<ApiResult<T>>;
}

/** One button's request: busy while in flight, the server's error kept for display. */
export function useAction<A extends unknown[], T>(call: (...args: A) => Promise<ApiResult<T>>): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      const result = await call(...args);
      if (mounted.current) {
        setBusy(false);
        if (!result.ok) setError(result.error);
      }
      return result;
    },
    [call],
  );
  return { busy, error, run };
}
