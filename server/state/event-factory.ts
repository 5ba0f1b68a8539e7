import type { CloseCause, LargeMessageResult, Outage, PulseEvent } from '../contract';
import type { ObservedClose } from '../analysis/close-order';
import { judgeObservedClose } from '../analysis/close-cause';
import { lastKnownOf, type ClosedConnection } from '../analysis/closures';
import { explainClose, explainUnpolledClose } from '../analysis/explain';
import { explainProbeFailure, type ProbeFailure } from '../analysis/resets';
import type { BrokerEvent } from '../sources/events/broker-event';
import type { ConnectionHealth } from '../contract';
import { formatSize } from '../config/sizes';
import { causeOfLoggedClose, explainChannelClose, explainLoggedClose, replyCodeOf } from '../analysis/explain-broker-log';
import type { BrokerFinding } from '../sources/broker-log/finding';
import { projectedSilenceSec } from '../shared/silence-before-close';

type CloseFinding = Extract<BrokerFinding, { kind: 'connection-close' }>;
type ChannelFinding = Extract<BrokerFinding, { kind: 'channel-error' }>;

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

/**
 * A close the event exchange reported. With the broker's log line about it
 * the cause is the broker's (certain); without, it is inferred from the order
 * of events and the connection's silence, with a certainty.
 */
export function observedCloseEvent(b: Base, close: ObservedClose, last: ConnectionHealth | null, lastSeenAt: number | null, finding: CloseFinding | null = null): PulseEvent {
  const inferred = inferredCloseEvent(b, close, last, lastSeenAt);
  return finding ? withBrokerLog(inferred, finding) : inferred;
}

function inferredCloseEvent(b: Base, close: ObservedClose, last: ConnectionHealth | null, lastSeenAt: number | null): PulseEvent {
  const name = last?.name ?? close.providedName ?? close.name;
  const common = { ...b, at: close.at, kind: 'connection.closed' as const, connection: name, source: 'event-exchange' as const };
  if (!last || lastSeenAt === null) {
    // Opened and closed between two polls: only the order of events is known.
    const { cause, certainty } = judgeObservedClose(close.order, null, null, null);
    return { ...common, cause, certainty, explanation: explainUnpolledClose(name, close.client, cause, close.evidence), lastKnown: null };
  }
  const projected = projectedSilenceSec(last.silenceSec, lastSeenAt, close.at);
  const { cause, certainty } = judgeObservedClose(close.order, last.heartbeatTimeoutSec, last.silenceSec, projected);
  const closed: ClosedConnection = { lastKnown: lastKnownOf(last, lastSeenAt), cause, certainty, projectedSilenceSec: projected };
  return { ...common, cause, certainty, explanation: explainClose(closed, close.evidence), lastKnown: closed.lastKnown };
}

/** A close event restated in the broker's own words (also for a line that came after the event went out). */
export function withBrokerLog(event: PulseEvent, f: CloseFinding): PulseEvent {
  const who = `"${event.connection ?? f.providedName ?? f.brokerName ?? 'a connection'}"`;
  const detail = f.reason ?? (f.timeoutSec !== null ? `timeout ${f.timeoutSec} s` : f.exception ?? undefined);
  const code = replyCodeOf(f.exception);
  return {
    ...event,
    cause: causeOfLoggedClose(f.cause),
    certainty: 'certain',
    source: 'broker-log',
    explanation: explainLoggedClose(who, f, event.lastKnown),
    brokerLog: { level: f.level, node: f.node, text: f.text },
    ...(detail ? { detail } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

/**
 * A connection the broker closed before it finished opening (handshake
 * timeout, vhost access, frame error): no event-exchange close exists for it,
 * so the log line is the whole story.
 */
export function unopenedCloseEvent(b: Base, f: CloseFinding): PulseEvent {
  const connection = f.providedName ?? f.brokerName;
  const code = replyCodeOf(f.exception);
  return {
    ...b,
    at: f.at,
    kind: 'connection.closed',
    connection,
    cause: causeOfLoggedClose(f.cause),
    certainty: 'certain',
    source: 'broker-log',
    explanation: explainLoggedClose(connection ? `"${connection}"` : 'a client', f, null),
    lastKnown: null,
    brokerLog: { level: f.level, node: f.node, text: f.text },
    ...(f.reason ? { detail: f.reason } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

/**
 * The broker closed one channel of a connection that lives on. `named` is
 * that connection as last polled, found by the name the log gives; its
 * channel's unacked count is what went back to the queues.
 */
export function channelClosedEvent(
  b: Base,
  f: ChannelFinding,
  warning: Extract<BrokerFinding, { kind: 'consumer-timeout' }> | null,
  named: { connection: ConnectionHealth; lastSeenAt: number } | null,
): PulseEvent {
  const conn = named?.connection ?? null;
  const polled = conn?.channels.find((ch) => ch.number === f.channel) ?? null;
  // The warning before a consumer timeout names the queue (and on newer brokers the consumer); the poll fills in the rest.
  const consumerTag = warning?.consumerTag ?? null;
  const consumer =
    polled?.consumers.find((c) => c.tag === consumerTag || (warning?.queue != null && c.queue === warning.queue)) ??
    (polled?.consumers.length === 1 ? polled.consumers[0]! : null);
  const connection = conn?.name ?? f.brokerName;
  const code = replyCodeOf(f.exception);
  const queue = warning?.queue ?? consumer?.queue ?? null;
  return {
    ...b,
    at: f.at,
    kind: 'channel.closed',
    connection,
    cause: f.errorKind === 'ack-timeout' ? 'consumer-timeout' : 'channel-error',
    certainty: 'certain',
    source: 'broker-log',
    explanation: explainChannelClose(connection ? `"${connection}"` : 'a connection', f, { unacked: polled?.unacked ?? null, queue, timeoutMs: f.timeoutMs }),
    lastKnown: named ? lastKnownOf(named.connection, named.lastSeenAt) : null,
    detail: `${f.exception}: ${f.reason}`,
    ...(code !== undefined ? { code } : {}),
    brokerLog: { level: f.level, node: f.node, text: f.text },
    channel: {
      number: f.channel,
      exception: f.exception,
      reason: f.reason,
      consumerTag: consumerTag ?? consumer?.tag ?? null,
      queue,
      unackedReturned: polled ? polled.unacked : null,
      timeoutMs: f.timeoutMs,
    },
  };
}

/** What the broker said when its node shut down (to rabbitpulse's own event subscription). */
export interface BrokerShutdown {
  at: number;
  text: string;
}

/**
 * A close of a connection that was open when its node shut down: the broker
 * said why, to rabbitpulse's own connection, at that moment. The close is
 * dated then, whenever it was found (often by the first poll after restart).
 */
export function asShutdownClose(event: PulseEvent, shutdown: BrokerShutdown): PulseEvent {
  const who = `"${event.connection ?? 'a connection'}"`;
  const unacked = event.lastKnown?.unacked ? ` Its ${event.lastKnown.unacked} unacknowledged messages went back to their queues.` : '';
  return {
    ...event,
    at: Math.min(event.at, shutdown.at),
    cause: 'shutdown',
    certainty: 'certain',
    code: 320,
    detail: shutdown.text,
    explanation: `The broker node shut down or restarted and closed ${who} with every other connection on it; it told rabbitpulse so as it went ("${shutdown.text}").${unacked} Clients should reconnect with backoff, ideally to another node.`,
  };
}

/** A warning or error in the broker's log that rabbitpulse has no better event for. */
export function brokerLogNoticeEvent(b: Base, f: BrokerFinding): PulseEvent {
  const firstLine = f.text.split('\n').find((l) => l.trim() !== '') ?? f.text;
  return {
    ...b,
    at: f.at,
    kind: 'broker.notice',
    connection: null,
    cause: f.kind === 'consumer-timeout' ? 'consumer-timeout' : 'notice',
    certainty: 'certain',
    source: 'broker-log',
    explanation: `The broker logged this at level ${f.level}${f.node ? ` on ${f.node}` : ''}. rabbitpulse has no finer reading of it; the broker's words are below.`,
    lastKnown: null,
    detail: firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine,
    brokerLog: { level: f.level, node: f.node, text: f.text },
  };
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

