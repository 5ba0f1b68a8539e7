import type { TargetStatus, TargetStatusKind } from '../../server/contract';
import { TARGET_STATUS_WORDS } from '../../server/shared/status-words';
import { fmtAgo } from '../format';
import type { Level } from './level';

export function targetStatusLevel(kind: TargetStatusKind): Level {
  if (kind === 'ok') return 'ok';
  if (kind === 'starting') return 'neutral';
  return 'crit';
}

/** "unreachable — last good 2 min ago", or "unreachable — never polled successfully". */
export function targetStatusHeadline(status: TargetStatus, now: number): string {
  const word = TARGET_STATUS_WORDS[status.kind];
  if (status.kind === 'ok' || status.kind === 'starting') return word;
  const lastGood = status.lastGoodAt == null ? 'never polled successfully' : `last good ${fmtAgo(status.lastGoodAt, now)}`;
  return `${word} — ${lastGood}`;
}
