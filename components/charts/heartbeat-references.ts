import { criticalSilenceSec } from '../../server/shared/heartbeat-risk';
import { fmtSecondsPlain } from '../format';
import type { Reference } from './TimeSeriesChart';

/** The two lines every silence chart draws: the negotiated timeout, and where a drop becomes likely. */
export function heartbeatReferences(timeoutSec: number | null): Reference[] {
  if (!timeoutSec) return [];
  const crit = criticalSilenceSec(timeoutSec);
  return [
    { y: timeoutSec, label: `Timeout ${fmtSecondsPlain(timeoutSec)}`, color: 'var(--text-muted)' },
    { y: crit, label: `Drop likely from ${fmtSecondsPlain(crit)}`, color: 'var(--crit)' },
  ];
}
