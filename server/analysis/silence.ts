import type { ConnectionHealth } from '../contract';

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

/** The diff key of a connection: everything except what withSilence derives. */
export function connectionKey(conn: ConnectionHealth): string {
  return JSON.stringify({ ...conn, silenceSec: null, heartbeatMarginSec: null });
}
