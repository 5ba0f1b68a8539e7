import type { CloseCause, LargeMessageResult, Outage, PulseEvent } from '../contract';
import type { ObservedClose } from '../analysis/close-order';
import { judgeObservedClose } from '../analysis/close-cause';
import { lastKnownOf, type ClosedConnection } from '../analysis/closures';
import { explainClose, explainUnpolledClose } from '../analysis/explain';
import { explainProbeFailure, type ProbeFailure } from '../analysis/resets';
import type { BrokerEvent } from '../sources/events/broker-event';
import type { ConnectionHealth } from '../contract';
import { formatSize } from '../config/sizes';

/**
 * Builds PulseEvents from what each source saw. Ids come from the caller so
 * the hub keeps one counter; everything else is a pure function of the input.
 */
type Base = { id: string; targetId: string };

export function pollCloseEvent(b: Base, closed: ClosedConnection, at: number): PulseEvent {
  return {
    ...b,
    at,
    kind: 'connection.closed',
    connection: closed.lastKnown.name,
    cause: closed.cause,
    certainty: closed.certainty,
    source: 'poll',
    explanation: explainClose(closed),
    lastKnown: closed.lastKnown,
  };
}

export function observedCloseEvent(b: Base, close: ObservedClose, last: ConnectionHealth | null, lastSeenAt: number | null): PulseEvent {
  const name = last?.name ?? close.providedName ?? close.name;
  const common = { ...b, at: close.at, kind: 'connection.closed' as const, connection: name, source: 'event-exchange' as const };
  if (!last || lastSeenAt === null) {
    // Opened and closed between two polls: only the order of events is known.
    const { cause, certainty } = judgeObservedClose(close.order, null, null, null);
    return { ...common, cause, certainty, explanation: explainUnpolledClose(name, close.client, cause, close.evidence), lastKnown: null };
  }
  const projected = last.silenceSec === null ? null : last.silenceSec + Math.max(0, close.at - lastSeenAt) / 1000;
  const { cause, certainty } = judgeObservedClose(close.order, last.heartbeatTimeoutSec, last.silenceSec, projected);
  const closed: ClosedConnection = { lastKnown: lastKnownOf(last, lastSeenAt), cause, certainty, projectedSilenceSec: projected };
  return { ...common, cause, certainty, explanation: explainClose(closed, close.evidence), lastKnown: closed.lastKnown };
}

export function probeFailureEvent(b: Base, targetName: string, connection: string, f: ProbeFailure & { at: number }): PulseEvent {
  return {
    ...b,
    at: f.at,
    kind: f.cause === 'channel-error' ? 'probe.channel-error' : 'probe.reset',
    connection,
    cause: f.cause,
    certainty: 'certain',
    source: 'probe',
    explanation: explainProbeFailure(targetName, f),
    lastKnown: null,
    detail: f.detail,
    ...(f.code !== undefined ? { code: f.code } : {}),
  };
}

export function probeRecoveredEvent(b: Base, targetName: string, connection: string, outage: Outage): PulseEvent {
  const secs = ((outage.durationMs ?? 0) / 1000).toFixed(1);
  return {
    ...b,
    at: outage.endedAt ?? Date.now(),
    kind: 'probe.recovered',
    connection,
    cause: outage.cause,
    certainty: 'certain',
    source: 'probe',
    explanation: `The probe reconnected to ${targetName} after ${secs} s down (${describeCause(outage.cause)}: ${outage.message}).`,
    lastKnown: null,
    detail: outage.message,
    outage,
  };
}

export function largeMessageEvent(b: Base, connection: string, r: LargeMessageResult): PulseEvent {
  return {
    ...b,
    at: r.at,
    kind: 'large-message.failed',
    connection,
    cause: r.status === 'rejected' ? 'channel-error' : 'unknown',
    certainty: 'certain',
    source: 'probe',
    explanation: r.message,
    lastKnown: null,
    detail: r.limitBytes ? `limit ${formatSize(r.limitBytes)}` : r.status,
    ...(r.status === 'rejected' ? { code: 406 } : {}),
  };
}

export function brokerNoticeEvent(b: Base, n: Extract<BrokerEvent, { kind: 'auth.failure' | 'alarm' }>): PulseEvent {
  if (n.kind === 'auth.failure') {
    return {
      ...b,
      at: n.at,
      kind: 'auth.failure',
      connection: n.peer,
      cause: 'auth-failure',
      certainty: 'certain',
      source: 'event-exchange',
      explanation: `A client${n.peer ? ` at ${n.peer}` : ''} failed to log in as "${n.user}"${n.error ? ` (${n.error})` : ''}. Repeated failures usually mean a rotated password not rolled out to every client.`,
      lastKnown: null,
      ...(n.error ? { detail: n.error } : {}),
    };
  }
  const what = n.resource === 'disk' ? 'disk' : n.resource === 'memory' ? 'memory' : (n.resource ?? 'resource');
  return {
    ...b,
    at: n.at,
    kind: 'alarm',
    connection: null,
    cause: 'alarm',
    certainty: 'certain',
    source: 'event-exchange',
    explanation: n.set
      ? `The ${what} alarm went off on ${n.node ?? 'a node'}: the broker blocks every publishing connection until it clears.`
      : `The ${what} alarm cleared on ${n.node ?? 'a node'}: publishers are unblocked.`,
    lastKnown: null,
    detail: `${n.set ? 'set' : 'cleared'}: ${what}`,
  };
}

function describeCause(cause: CloseCause): string {
  return cause.replace(/-/g, ' ');
}

