import type { ConnectionHealth } from '../contract';
import { sameData } from './diff';

/**
 * Silence grows on every poll for every quiet connection. Sending it would
 * make every idle connection "changed" on every poll, so the wire carries
 * only `recvChangedAt` and receivers recompute silence and margin from the
 * poll time with these two functions (shared by server and browser).
 */
export function withSilence(conn: ConnectionHealth, observedAt: number): ConnectionHealth {
  if (conn.recvChangedAt === null) return conn;
  const silenceSec = Math.round(Math.max(0, observedAt - conn.recvChangedAt) / 100) / 10;
  const t = conn.heartbeatTimeoutSec;
  const heartbeatMarginSec = t && t > 0 ? Math.round((t - silenceSec) * 10) / 10 : null;
  if (silenceSec === conn.silenceSec && heartbeatMarginSec === conn.heartbeatMarginSec) return conn;
  return { ...conn, silenceSec, heartbeatMarginSec };
}

/** Fields the row diff ignores: what withSilence derives and what `TargetDelta.recvMoved` carries (liveness.ts). */
const LIVENESS_FIELDS: ReadonlySet<string> = new Set(['silenceSec', 'heartbeatMarginSec', 'recvChangedAt', 'silenceSinceFirstSeen']);

/** Whether two polls' rows of one connection differ in anything that must be re-sent whole. */
export function sameConnectionRow(a: ConnectionHealth, b: ConnectionHealth): boolean {
  return sameData(a, b, LIVENESS_FIELDS);
}
