import type { HistoryHealth } from '../../server/contract';
import { fmtClock } from '../format';
import type { Level } from './level';

/**
 * Failing history is critical, not a warning: the dashboard still looks
 * fine, and what is lost (events, alert history, notifications still owed)
 * is found missing only after the next restart.
 */
export function historyHealthLevel(health: HistoryHealth | null): Level {
  if (health === null) return 'neutral';
  return health.state === 'failing' ? 'crit' : 'ok';
}

/** "saving", "not saved since 14:03 (12 writes failed)", "saving (gap 14:03–14:09)". */
export function historyHeadline(health: HistoryHealth): string {
  if (health.state === 'failing') {
    const lost = health.failedWrites > 0 ? ` (${health.failedWrites} ${health.failedWrites === 1 ? 'write' : 'writes'} failed)` : '';
    return `not saved since ${fmtClock(health.since)}${lost}`;
  }
  if (health.lastOutage) return `saving (gap ${fmtClock(health.lastOutage.from)}–${fmtClock(health.lastOutage.to)})`;
  return 'saving';
}
