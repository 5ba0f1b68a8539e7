import type { TargetStatus, TargetStatusKind } from '../../server/contract';
import { fmtAgo } from '../format';
import type { Level } from './level';

const KIND_WORDS: Record<TargetStatusKind, string> = {
  starting: 'first poll',
  ok: 'ok',
  unreachable: 'unreachable',
  refused: 'connection refused',
  timeout: 'timed out',
  unauthorized: 'wrong credentials',
  forbidden: 'not permitted',
  'bad-response': 'bad response',
  'too-large': 'answer too large',
  'http-error': 'HTTP error',
};

export function targetStatusWord(kind: TargetStatusKind): string {
  return KIND_WORDS[kind];
}

export function targetStatusLevel(kind: TargetStatusKind): Level {
  if (kind === 'ok') return 'ok';
  if (kind === 'starting') return 'neutral';
  return 'crit';
}

/** "unreachable — last good 2 min ago", or "unreachable — never polled successfully". */
export function targetStatusHeadline(status: TargetStatus, now: number): string {
  const word = targetStatusWord(status.kind);
  if (status.kind === 'ok' || status.kind === 'starting') return word;
  const lastGood = status.lastGoodAt == null ? 'never polled successfully' : `last good ${fmtAgo(status.lastGoodAt, now)}`;
  return `${word} — ${lastGood}`;
}
