import type { ConnectionHealth } from '../../server/contract';
import { heartbeatRisk } from '../../server/shared/heartbeat-risk';
import type { Level } from './level';

/**
 * Levels come from the server's heartbeatRisk (shared with alerting), which
 * follows how the broker really decides; see server/shared/heartbeat-risk.ts.
 * `ratio` is of silence to the timeout, for drawing meters.
 */

export type HeartbeatView =
  | { kind: 'unknown' } // timeout or silence not reported
  | { kind: 'off' } // heartbeats disabled: a dead peer is never detected
  | { kind: 'measured'; timeoutSec: number; silenceSec: number; ratio: number; level: Level };

export function heartbeatView(c: Pick<ConnectionHealth, 'heartbeatTimeoutSec' | 'silenceSec'>): HeartbeatView {
  const timeout = c.heartbeatTimeoutSec;
  if (timeout == null) return { kind: 'unknown' };
  if (timeout === 0) return { kind: 'off' };
  if (c.silenceSec == null) return { kind: 'unknown' };
  const ratio = c.silenceSec / timeout;
  return { kind: 'measured', timeoutSec: timeout, silenceSec: c.silenceSec, ratio, level: heartbeatRisk(timeout, c.silenceSec) ?? 'neutral' };
}

export function heartbeatLevel(c: Pick<ConnectionHealth, 'heartbeatTimeoutSec' | 'silenceSec'>): Level {
  const v = heartbeatView(c);
  return v.kind === 'measured' ? v.level : 'neutral';
}

/**
 * Sort key for "who is closest to being cut off": the margin as a fraction of
 * the timeout, so 2 s left of 7 s ranks above 10 s left of 60 s.
 * Unknown and disabled heartbeats sort last.
 */
export function marginSortKey(c: Pick<ConnectionHealth, 'heartbeatTimeoutSec' | 'heartbeatMarginSec'>): number | null {
  if (c.heartbeatMarginSec == null || !c.heartbeatTimeoutSec) return null;
  return c.heartbeatMarginSec / c.heartbeatTimeoutSec;
}
