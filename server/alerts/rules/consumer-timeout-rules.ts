import type { ChannelHealth } from '../../contract';
import { TIMEOUT_SOURCE_WORDS, channelTimeoutRisk, fmtAtLeast, fmtTimeout } from '../../shared/consumer-timeout-risk';
import { defineRule } from './define';
import { appConnections, channelObject } from './objects';
import { fraction } from './params';

/** The queues whose deliveries the channel holds: its manual-ack consumers'. */
function queuesOf(ch: ChannelHealth): string {
  const names = [...new Set(ch.consumers.filter((k) => k.ackRequired).map((k) => k.queue))];
  if (names.length === 0) return 'no consumer';
  return `${names.length === 1 ? 'queue' : 'queues'} ${names.join(', ')}`;
}

/** A channel's oldest unacked delivery is well on its way to the consumer timeout. */
export const consumerTimeoutRisk = defineRule({
  id: 'consumer-timeout-risk',
  usesPoll: true,
  title: 'Consumer timeout approaching',
  severity: 'warning',
  // The estimate is a lower bound that has already held for many polls by the time it crosses the line.
  forMs: 0,
  resolveAfterMs: 30_000,
  params: { fraction: fraction(0.5) },
  explanation:
    'A delivery on this channel has waited for its acknowledgement a large part of the consumer timeout. When it passes the timeout the broker closes the whole channel with 406 PRECONDITION_FAILED ' +
    '("delivery acknowledgement on channel N timed out"), every unacked message on it is requeued, and the client usually fails with that error (the classic Celery and pika long-task failure). ' +
    'Likely cause: a handler that takes longer than the timeout, or one that never acks on some path. Fix: ack on every path; for long tasks, ack early and track the work elsewhere, or raise the timeout for that queue ' +
    '(x-consumer-timeout argument or consumer-timeout policy, RabbitMQ 3.11.15+) rather than for the whole broker. The age shown is a lower bound, estimated from the unacked and ack counts between polls.',
  evaluate: ({ target, now }, p) =>
    appConnections(target.connections).flatMap((c) =>
      c.channels.flatMap((ch) => {
        const risk = channelTimeoutRisk(ch, now);
        if (!risk || risk.ageMs < p.fraction * risk.timeoutMs) return [];
        const source = risk.source ? ` (${TIMEOUT_SOURCE_WORDS[risk.source]})` : '';
        const firstSight = ch.unackedSinceFirstSeen ? '; estimate began at first sight' : '';
        return [
          {
            object: channelObject(c, ch),
            value: `oldest unacked ≥ ${fmtAtLeast(risk.ageMs)} of ${fmtTimeout(risk.timeoutMs)}${source} on channel ${ch.number}, ${queuesOf(ch)}${firstSight}; client ${c.client}`,
          },
        ];
      }),
    ),
});
