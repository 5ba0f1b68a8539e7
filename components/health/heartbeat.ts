import type { ConnectionHealth } from '../../server/contract';
import type { Level } from './level';

/**
 * Past half the timeout the client has already missed one heartbeat it should
 * have sent (clients send every timeout/2); at 80 % the next poll may well be
 * the one after the broker has hung up.
 */
export const WARN_SILENCE_RATIO = 0.5;
export const CRIT_SILENCE_RATIO = 0.8;

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
  return { kind: 'measured', timeoutSec: timeout, silenceSec: c.silenceSec, ratio, level: silenceLevel(ratio) };
}

export function silenceLevel(ratio: number): Level {
  if (ratio >= CRIT_SILENCE_RATIO) return 'crit';
  if (ratio >= WARN_SILENCE_RATIO) return 'warn';
  return 'ok';
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
