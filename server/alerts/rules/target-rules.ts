import type { PulseEvent } from '../../contract';
import { isLabConnectionName, LAB_CONNECTION_PREFIX } from '../../shared/lab-objects';
import { defineRule } from './define';
import { nodeObject, probeObject, targetObject } from './objects';
import { atLeastZero, count, fraction, windowMinutes } from './params';

const ABRUPT = new Set(['abrupt', 'heartbeat-suspected', 'missed-heartbeats']);

/** 2. The probe's own connection is down (any cause): exact cause from the wire. */
export const probeReset = defineRule({
  id: 'probe-reset',
  usesPoll: false,
  title: 'Probe connection reset',
  severity: 'critical',
  forMs: 0,
  resolveAfterMs: 0,
  params: {},
  explanation:
    'rabbitpulse\'s own connection to this broker was lost; the value names the exact cause (heartbeat timeout, reset, forced close, refused…). Applications are likely affected the same way. It resolves when the probe reconnects.',
  evaluate: ({ target }) => {
    const p = target.probe;
    if (!p || p.state !== 'down') return [];
    const why = p.lastError ? `${p.lastError.cause.replace(/-/g, ' ')}: ${p.lastError.message}` : 'no reason given';
    return [{ object: probeObject(p.connectionName), value: `down since ${new Date(p.since).toISOString()} (${why}); ${p.reconnectAttempts} reconnect attempt(s)` }];
  },
});

/** 2. Many abrupt or heartbeat closes in a short time: something systemic. */
export const resetBurst = defineRule({
  id: 'reset-burst',
  usesPoll: false,
  title: 'Burst of connection resets',
  severity: 'critical',
  forMs: 0,
  resolveAfterMs: 60_000,
  params: { closes: count(3), minutes: windowMinutes(5) },
  explanation:
    'Several connections were dropped abruptly or for missed heartbeats in a few minutes. Something common is failing: a deploy with a blocking handler, a network path or load balancer cutting connections, or an overloaded broker. Look at the closes on the timeline for the shared client, host or cause.',
  evaluate: ({ target, events, now }, p) => {
    const recent = events.filter((e) => e.kind === 'connection.closed' && ABRUPT.has(e.cause) && now - e.at < p.minutes * 60_000);
    if (recent.length <= p.closes) return [];
    return [{ object: targetObject(target.id, target.displayName), value: `${recent.length} abrupt or heartbeat closes in ${p.minutes} min` }];
  },
});

/** 2. Connections closing at a high rate: an application opening one per message. */
export const connectionChurn = defineRule({
  id: 'connection-churn',
  usesPoll: false,
  title: 'Connection churn',
  severity: 'warning',
  forMs: 30_000,
  resolveAfterMs: 60_000,
  params: { closesPerSecond: atLeastZero(2) },
  explanation:
    'Connections are opened and closed at a high rate. Each one costs the broker a process, a TCP and AMQP handshake and authentication; at scale this alone can overload it. Usually an application that connects per message or per request. Fix: keep one long-lived connection per process and reuse channels.',
  evaluate: ({ target, events, now }, p) => {
    const closes = events.filter((e) => e.kind === 'connection.closed' && now - e.at < 60_000);
    const perSecond = closes.length / 60;
    if (perSecond <= p.closesPerSecond) return [];
    return [{ object: targetObject(target.id, target.displayName), value: `${perSecond.toFixed(1)} connections closed per second over the last minute${labShare(closes)}` }];
  },
});

/**
 * The lab's connection-churn scenario churns on purpose; its closes still count (that is what it shows), but
 * the alert is about the whole broker, so it says how many were the lab's (server/shared/lab-objects.ts).
 */
function labShare(closes: readonly PulseEvent[]): string {
  const lab = closes.filter((e) => isLabConnectionName(e.lastKnown?.name ?? e.connection)).length;
  if (lab === 0) return '';
  return `; ${lab === closes.length ? `all ${lab}` : `${lab} of ${closes.length}`} were rabbitpulse lab connections (${LAB_CONNECTION_PREFIX}…)`;
}

/** 8. Round trip through the broker is slow. */
export const roundTripSlow = defineRule({
  id: 'round-trip-slow',
  usesPoll: false,
  title: 'Round-trip latency high',
  severity: 'warning',
  forMs: 30_000,
  resolveAfterMs: 30_000,
  params: { p99Ms: atLeastZero(1000) },
  explanation:
    'Publishing to and consuming from this broker takes unusually long for rabbitpulse\'s probe (p99 of publish → delivery). The broker is overloaded, in flow control, paging to disk, or the network is slow. Check node memory, disk and connection states.',
  evaluate: ({ target }, p) => {
    const rt = target.probe?.roundTrip;
    if (!target.probe || target.probe.state !== 'up' || !rt || rt.deliverP99Ms === null || rt.deliverP99Ms <= p.p99Ms) return [];
    return [{ object: probeObject(target.probe.connectionName), value: `delivery p99 ${rt.deliverP99Ms} ms (p50 ${rt.deliverP50Ms} ms)` }];
  },
});

/** 8. A large-message probe size did not arrive whole and in time. */
export const largeMessageFailure = defineRule({
  id: 'large-message-failure',
  usesPoll: false,
  title: 'Large message not delivered whole',
  severity: 'warning',
  forMs: 0,
  resolveAfterMs: 0,
  params: {},
  explanation:
    'A message of this size was rejected by the broker, cut short, damaged, or late. Applications sending messages this large lose them the same way. Fix: raise max_message_size if the size is legitimate, or send large payloads by reference (store the blob, send its key).',
  evaluate: ({ target }) => {
    const p = target.probe;
    if (!p) return [];
    return p.largeMessages
      .filter((r) => r.status !== 'ok' && r.status !== 'pending')
      .map((r) => ({ object: probeObject(`${p.connectionName}#${r.sizeBytes}`, `${r.label} message`), value: `${r.status}: ${r.message}` }));
  },
});

/** 9. A node has a memory or disk alarm: every publisher is blocked. */
export const nodeAlarm = defineRule({
  id: 'node-alarm',
  usesPoll: true,
  title: 'Broker resource alarm',
  severity: 'critical',
  forMs: 0,
  resolveAfterMs: 10_000,
  params: {},
  explanation:
    'A node hit its memory high watermark or its disk free limit and raised an alarm: the broker blocks every connection that publishes until it clears. Fix: drain or purge queues, add consumers, free disk, or raise the limit if it is set too low.',
  evaluate: ({ target }) =>
    target.nodes
      .filter((n) => n.memAlarm || n.diskAlarm)
      .map((n) => ({ object: nodeObject(n.name), value: [n.memAlarm ? `memory alarm (${n.memUsed} of ${n.memLimit} bytes)` : '', n.diskAlarm ? `disk alarm (${n.diskFree} bytes free, limit ${n.diskFreeLimit})` : ''].filter(Boolean).join('; ') })),
});

/** 9. File descriptors (sockets) near the limit: new connections will be refused. */
export const fileDescriptors = defineRule({
  id: 'file-descriptors',
  usesPoll: true,
  title: 'File descriptors near the limit',
  severity: 'warning',
  forMs: 60_000,
  resolveAfterMs: 60_000,
  params: { ratio: fraction(0.9) },
  explanation:
    'The node uses most of its file descriptors; when they run out it refuses new connections. Fix: raise the OS limit (ulimit -n / LimitNOFILE) for the broker, or reduce connection churn and idle connections.',
  evaluate: ({ target }, p) =>
    target.nodes
      .filter((n) => n.fdUsed !== null && n.fdTotal && n.fdUsed / n.fdTotal >= p.ratio)
      .map((n) => ({ object: nodeObject(n.name), value: `${n.fdUsed} of ${n.fdTotal} file descriptors in use` })),
});

/** 10. rabbitpulse cannot see this broker's management API. */
export const managementUnavailable = defineRule({
  id: 'management-unavailable',
  usesPoll: false,
  title: 'Management API not readable',
  severity: 'critical',
  forMs: 15_000,
  resolveAfterMs: 10_000,
  params: {},
  explanation:
    'rabbitpulse cannot read this broker\'s management API, so it is blind to its connections and queues (the probes still run). The value says why: refused, unreachable, timed out, unauthorised (check credentials / the monitoring tag) or a bad response.',
  evaluate: ({ target }) =>
    target.status.kind === 'ok' || target.status.kind === 'starting'
      ? []
      : [{ object: targetObject(target.id, target.displayName), value: `${target.status.kind}: ${target.status.message}` }],
});

/** 10. The event exchange is off: closes are seen only by polls, without their order. */
export const eventExchangeDisabled = defineRule({
  id: 'event-exchange-disabled',
  usesPoll: false,
  title: 'Event exchange not enabled',
  severity: 'info',
  forMs: 30_000,
  resolveAfterMs: 0,
  params: {},
  explanation:
    'The rabbitmq_event_exchange plugin is not enabled on this broker, so rabbitpulse learns of closes only at the next poll and cannot tell orderly closes from dropped ones. Fix: rabbitmq-plugins enable rabbitmq_event_exchange',
  evaluate: ({ target }) =>
    target.probe?.eventExchange.state === 'not-enabled'
      ? [{ object: targetObject(target.id, target.displayName), value: target.probe.eventExchange.message }]
      : [],
});
