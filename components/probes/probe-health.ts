import type { HeartbeatStats, LargeMessageResult } from '../../server/contract';
import { heartbeatView, type HeartbeatView } from '../health/heartbeat';
import type { Level } from '../health/level';
import { LARGE_STATUS } from './probe-words';

/**
 * The probe's own silence judged like any connection's (heartbeatRisk), so
 * one rule colours silence and margin everywhere. The probe measures to the
 * millisecond, so its silence is never a lower bound.
 */
export function probeHeartbeatView(hb: Pick<HeartbeatStats, 'timeoutSec' | 'silenceMs'>): HeartbeatView {
  return heartbeatView({ heartbeatTimeoutSec: hb.timeoutSec, silenceSec: hb.silenceMs === null ? null : hb.silenceMs / 1000 });
}

export function probeSilenceInput(hb: Pick<HeartbeatStats, 'timeoutSec' | 'silenceMs'>) {
  return { heartbeatTimeoutSec: hb.timeoutSec, silenceSec: hb.silenceMs === null ? null : hb.silenceMs / 1000, silenceSinceFirstSeen: false };
}

export interface LargeMessagesSummary {
  text: string;
  level: Level;
}

/** "4/4 whole", or the worst failure: "max (128 MiB) rejected". */
export function largeMessagesSummary(results: readonly LargeMessageResult[]): LargeMessagesSummary | null {
  const checked = results.filter((r) => r.status !== 'pending');
  if (checked.length === 0) return null;
  const failed = checked.filter((r) => r.status !== 'ok');
  if (failed.length === 0) return { text: `${checked.length}/${results.length} whole`, level: 'ok' };
  const worst = failed.find((r) => LARGE_STATUS[r.status].level === 'crit') ?? failed[0]!;
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return { text: `${worst.label} ${LARGE_STATUS[worst.status].word}${more}`, level: LARGE_STATUS[worst.status].level };
}
