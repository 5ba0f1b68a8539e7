import { criticalSilenceSec, heartbeatRisk } from '../../shared/heartbeat-risk';
import { defineRule } from './define';
import { appConnections, connectionObject } from './objects';
import { count, windowMinutes } from './params';
import { NO_ACK_SECONDS } from './ack-rules';
import type { AlertEvidence, ChannelHealth, PulseEvent } from '../../contract';

/** What an event-raised alert carries to its notifications: how sure, and the broker's words. */
const evidenceOf = (e: PulseEvent): AlertEvidence => ({ certainty: e.certainty, brokerSaid: e.brokerLog?.text ?? null });

const HEARTBEAT_FIX =
  'Likely cause: a message handler blocks the client\'s I/O loop (a long synchronous task on the thread or event loop that also sends heartbeats). ' +
  'Fix: move long work off the I/O thread or process (worker thread, separate process, or ack and hand off); do not just raise or disable heartbeats.';

/** 1. A connection's inbound bytes have been still for longer than a healthy client ever is. */
export const heartbeatMargin = defineRule({
  id: 'heartbeat-margin',
  usesPoll: true,
  title: 'Heartbeat margin low',
  severity: 'warning',
  forMs: 0,
  resolveAfterMs: 10_000,
  params: {},
  explanation: `The broker has heard nothing from this connection for longer than its heartbeat timeout allows a healthy client; it drops connections after 2–3 silent timeouts. ${HEARTBEAT_FIX}`,
  evaluate: ({ target }) =>
    appConnections(target.connections).flatMap((c) => {
      const timeoutSec = c.heartbeatTimeoutSec;
      const risk = heartbeatRisk(timeoutSec, c.silenceSec);
      if (timeoutSec === null || (risk !== 'warn' && risk !== 'crit')) return [];
      return [
        {
          object: connectionObject(c),
          severity: risk === 'crit' ? ('critical' as const) : ('warning' as const),
          value: `silent ${c.silenceSec} s with a ${timeoutSec} s heartbeat timeout (critical above ${criticalSilenceSec(timeoutSec)} s); client ${c.client}`,
        },
      ];
    }),
});

/** Closes for missed heartbeats: inferred (heartbeat-suspected, with a certainty) or in the broker's words (missed-heartbeats). */
const HEARTBEAT_CLOSES: ReadonlySet<string> = new Set(['heartbeat-suspected', 'missed-heartbeats']);

/** 1 (follow-up). The close that the margin warned about: critical, held a while so someone sees it. */
export const heartbeatClose = defineRule({
  id: 'heartbeat-close',
  usesPoll: false,
  title: 'Connection dropped for missed heartbeats',
  severity: 'critical',
  forMs: 0,
  resolveAfterMs: 0,
  params: { holdMinutes: windowMinutes(10) },
  explanation: `The broker closed this connection after it stopped sending anything for its heartbeat timeout; its unacknowledged messages are redelivered, often to a consumer that blocks again. ${HEARTBEAT_FIX}`,
  evaluate: ({ events, now }, p) =>
    events
      .filter((e) => e.kind === 'connection.closed' && HEARTBEAT_CLOSES.has(e.cause) && now - e.at < p.holdMinutes * 60_000)
      .map((e) => ({
        object: { kind: 'connection' as const, id: e.lastKnown?.id ?? e.connection ?? e.id, label: e.connection ?? 'unknown connection' },
        // When the broker said so there is nothing to qualify: its words go with the alert instead.
        value: `closed ${new Date(e.at).toISOString()} ${e.certainty === 'certain' ? `(the broker: ${e.detail ?? 'missed heartbeats'})` : `(${e.certainty})`}; ${e.lastKnown ? `${e.lastKnown.client}, ${e.lastKnown.unacked} unacked redelivered` : 'state before the close unknown'}`,
        evidence: evidenceOf(e),
      })),
});

/** 1 (channel). The broker closed a channel because a delivery went unacknowledged past the consumer timeout. */
export const consumerTimeout = defineRule({
  id: 'consumer-timeout',
  usesPoll: false,
  title: 'Consumer timed out: channel closed by the broker',
  severity: 'critical',
  forMs: 0,
  resolveAfterMs: 0,
  params: { holdMinutes: windowMinutes(10) },
  explanation:
    'A delivery stayed unacknowledged longer than the consumer timeout (default 30 min), so the broker closed the channel (406 PRECONDITION_FAILED) and requeued its unacknowledged messages; they are redelivered, often to a consumer that takes as long again. The connection stays open, so the client may not notice. ' +
    "Fix: ack sooner (finish or hand off long work, then ack), move long work off the consumer, or raise the queue's timeout deliberately (x-consumer-timeout argument or consumer-timeout policy).",
  evaluate: ({ events, now }, p) =>
    events
      .filter((e) => e.kind === 'channel.closed' && e.cause === 'consumer-timeout' && now - e.at < p.holdMinutes * 60_000)
      .map((e) => {
        const ch = e.channel;
        const timeout = ch?.timeoutMs ? ` after ${ch.timeoutMs} ms` : '';
        const returned = ch?.unackedReturned ? `; ${ch.unackedReturned} unacked requeued` : '';
        return {
          object: { kind: 'connection' as const, id: e.lastKnown?.id ?? e.connection ?? e.id, label: e.connection ?? 'unknown connection' },
          value: `channel ${ch?.number ?? '?'}${ch?.queue ? ` (queue ${ch.queue})` : ''} closed ${new Date(e.at).toISOString()}: no ack${timeout}${returned}`,
          evidence: evidenceOf(e),
        };
      }),
});

/** 3. Manual ack with unlimited prefetch, holding many messages: the broker pushes until the socket fills. */
export const unboundedPrefetch = defineRule({
  id: 'unbounded-prefetch',
  usesPoll: true,
  title: 'Unbounded prefetch',
  severity: 'warning',
  forMs: 15_000,
  resolveAfterMs: 30_000,
  params: { unacked: count(100) },
  explanation:
    'A consumer acks manually with prefetch 0 (unlimited), so the broker pushes it everything in the queue; a slow handler then falls behind, its socket fills and the connection is reset. ' +
    'Fix: set a prefetch (basic.qos), e.g. 10–300 depending on handler time, so the broker stops at that many unacked messages.',
  evaluate: ({ target, now }, p) =>
    appConnections(target.connections).flatMap((c) => {
      const unbounded = c.channels.filter(
        (ch) => ch.prefetch === 0 && ch.globalPrefetch === 0 && ch.consumers.some((k) => k.ackRequired && k.prefetch === 0) && !tooSoonToTell(ch, now),
      );
      const held = unbounded.reduce((sum, ch) => sum + ch.unacked, 0);
      if (unbounded.length === 0 || held <= p.unacked) return [];
      const queues = [...new Set(unbounded.flatMap((ch) => ch.consumers.map((k) => k.queue)))].join(', ');
      return [{ object: connectionObject(c), value: `${held} unacked on ${unbounded.length} channel(s) with prefetch 0 and manual ack (queues: ${queues}); client ${c.client}` }];
    }),
});

/**
 * A channel that has never acked and began holding messages only moments ago
 * may be a forgotten ack, whose fix comes first (forgotten-ack decides after
 * NO_ACK_SECONDS); until then unbounded prefetch waits, so the wrong fix is
 * not the first thing said. A consumer that acks at all, however slowly (the
 * slow consumer this rule is for), is judged at once.
 */
function tooSoonToTell(ch: ChannelHealth, now: number): boolean {
  return !ch.hasAcked && ch.unackedSince !== null && now - ch.unackedSince < NO_ACK_SECONDS * 1000;
}

/** 4. Bytes waiting in the broker's socket buffer for this connection, sustained. */
export const socketBackpressure = defineRule({
  id: 'socket-backpressure',
  usesPoll: true,
  title: 'Socket backpressure',
  severity: 'warning',
  forMs: 20_000,
  resolveAfterMs: 20_000,
  params: { bytes: count(0) },
  explanation:
    'The broker has bytes queued for this connection that the client is not reading (send_pend > 0): the reader cannot keep up, typically a slow consumer with unbounded prefetch or a handler that blocks the I/O loop. ' +
    'Fix: set a prefetch, and keep handlers off the I/O thread.',
  evaluate: ({ target }, p) =>
    appConnections(target.connections)
      .filter((c) => (c.sendPend ?? 0) > p.bytes)
      .map((c) => ({ object: connectionObject(c), value: `send_pend ${c.sendPend} bytes; ${c.unacked} unacked` })),
});

/** 9. Connections the broker throttles or blocks. */
export const connectionBlocked = defineRule({
  id: 'connection-blocked',
  usesPoll: true,
  title: 'Connection blocked by the broker',
  severity: 'warning',
  forMs: 10_000,
  resolveAfterMs: 10_000,
  params: {},
  explanation:
    'The broker is blocking this connection\'s publishes (state blocked/blocking): a memory or disk alarm is on. Publishers stall until it clears. Fix: drain queues, add consumers or disk/memory; check the node alarms.',
  evaluate: ({ target }) =>
    appConnections(target.connections)
      .filter((c) => c.state === 'blocked' || c.state === 'blocking')
      .map((c) => ({ object: connectionObject(c), value: `state ${c.state}` })),
});
