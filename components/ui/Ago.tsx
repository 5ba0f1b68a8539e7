'use client';

import { fmtAgo, fmtDateTime } from '../format';
import { useNowTick } from '../live/LiveStateProvider';

/** "3 min ago", kept current by the shared clock, with the exact time on hover. */
export function Ago({ at, prefix }: { at: number | null; prefix?: string }) {
  const now = useNowTick();
  if (at === null) return <span className="muted">—</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={fmtDateTime(at)}>
      {prefix}
      {fmtAgo(at, now)}
    </time>
  );
}
