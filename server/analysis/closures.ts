import type { Certainty, CloseCause, ConnectionHealth, LastKnownConnection } from '../contract';
import { projectedSilenceSec } from '../shared/silence-before-close';

export interface ClosedConnection {
  lastKnown: LastKnownConnection;
  cause: CloseCause;
  certainty: Certainty;
  /** Seconds the connection had been silent, projected to when it was found gone. */
  projectedSilenceSec: number | null;
}

/**
 * Finds connections present in the previous poll and absent from this one.
 * The management API forgets a closed connection without a reason, so the
 * cause is inferred from the silence it had before it vanished: the broker
 * closes a connection whose inbound bytes stay still for about its heartbeat
 * timeout. A connection already silent for its whole timeout is a likely
 * heartbeat close; one whose silence would have reached the timeout by the
 * time it was found gone is a possible one. Anything else is unknown here
 * (the event exchange and probes give better evidence).
 */
export function detectClosed(
  previous: ReadonlyMap<string, ConnectionHealth>,
  current: { has(id: string): boolean },
  lastSeenAt: number,
  detectedAt: number,
): ClosedConnection[] {
  const out: ClosedConnection[] = [];
  for (const [id, conn] of previous) {
    if (current.has(id)) continue;
    const projected = projectedSilenceSec(conn.silenceSec, lastSeenAt, detectedAt);
    const { cause, certainty } = judgeSilence(conn.heartbeatTimeoutSec, conn.silenceSec, projected);
    out.push({ lastKnown: lastKnownOf(conn, lastSeenAt), cause, certainty, projectedSilenceSec: projected });
  }
  return out;
}

export function judgeSilence(
  timeoutSec: number | null,
  silenceSec: number | null,
  projectedSec: number | null,
): { cause: CloseCause; certainty: Certainty } {
  if (!timeoutSec || timeoutSec <= 0 || silenceSec === null || projectedSec === null) return { cause: 'unknown', certainty: 'unknown' };
  if (silenceSec >= timeoutSec) return { cause: 'heartbeat-suspected', certainty: 'likely' };
  // Silent for at least half the timeout already, and long enough by the time it vanished.
  if (silenceSec >= timeoutSec / 2 && projectedSec >= timeoutSec) return { cause: 'heartbeat-suspected', certainty: 'possible' };
  return { cause: 'unknown', certainty: 'unknown' };
}

export function lastKnownOf(conn: ConnectionHealth, lastSeenAt: number): LastKnownConnection {
  return {
    id: conn.id,
    brokerName: conn.brokerName,
    name: conn.name,
    client: conn.client,
    user: conn.user,
    vhost: conn.vhost,
    heartbeatTimeoutSec: conn.heartbeatTimeoutSec,
    silenceSec: conn.silenceSec,
    unacked: conn.unacked,
    channelCount: conn.channelCount,
    lastSeenAt,
  };
}
