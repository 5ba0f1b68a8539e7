import type { QueueHealth } from '../../contract';
import { isLabQueueName } from '../../shared/lab-objects';
import { defineRule } from './define';
import { perSec, queueObject } from './objects';
import { atLeastZero, count, fraction, windowSeconds } from './params';
import { valueAgo } from './history';

const unackedKey = (q: QueueHealth) => `queue-unacked:${q.id}`;
const readyKey = (q: QueueHealth) => `queue-ready:${q.id}`;


/** 5. Unacked rising while nothing is acked (forgotten acks), or simply very high. */
export const unackedGrowth = defineRule({
  id: 'unacked-growth',
  usesPoll: true,
  title: 'Unacked messages growing',
  severity: 'warning',
  forMs: 60_000,
  resolveAfterMs: 30_000,
  params: { windowSeconds: windowSeconds(30), threshold: count(10_000) },
  explanation:
    'Messages are delivered but not acknowledged: unacked rises while the ack rate stays at zero. Usually a handler that forgets to ack on some path (or acks on the wrong channel); the broker keeps every message in memory until the consumer\'s connection closes. ' +
    'Fix: ack (or nack/reject) on every path, including errors; set a prefetch so a stuck consumer holds a bounded number.',
  observe: (target) => target.queues.map((q) => ({ key: unackedKey(q), value: q.unacked })),
  evaluate: (ctx, p) =>
    ctx.target.queues.flatMap((q) => {
      const before = valueAgo(ctx, unackedKey(q), p.windowSeconds * 1000);
      const acking = (q.rates.ack ?? 0) > 0;
      const rising = before !== null && q.unacked > before && !acking;
      if (!rising && q.unacked < p.threshold) return [];
      return [{ object: queueObject(q), value: `${q.unacked} unacked${before !== null ? ` (was ${before} ${p.windowSeconds} s ago)` : ''}, ack rate ${perSec(q.rates.ack)}` }];
    }),
});

/** 6. Messages delivered again and again: consumers die mid-message. */
export const redeliveryLoop = defineRule({
  id: 'redelivery-loop',
  usesPoll: true,
  title: 'Redelivery loop',
  severity: 'warning',
  forMs: 60_000,
  resolveAfterMs: 60_000,
  params: { ratePerSec: atLeastZero(0.5) },
  explanation:
    'Messages on this queue are being redelivered steadily: consumers take them and die (or reject with requeue) before acking — often a handler that blocks until the broker drops it for missed heartbeats, then the next consumer gets the same message. ' +
    'Fix: find why the consumer dies (see closes with cause "heartbeat suspected"); dead-letter messages after a few attempts instead of requeueing forever.',
  evaluate: ({ target }, p) =>
    target.queues
      .filter((q) => (q.rates.redeliver ?? 0) > p.ratePerSec)
      .map((q) => ({ object: queueObject(q), value: `redelivering ${perSec(q.rates.redeliver)}, ${q.consumers} consumer(s)` })),
});

/** 7. A backlog nobody consumes. */
export const backlogWithoutConsumers = defineRule({
  id: 'backlog-without-consumers',
  usesPoll: true,
  title: 'Backlog without consumers',
  severity: 'warning',
  forMs: 30_000,
  resolveAfterMs: 30_000,
  params: { ready: count(100) },
  explanation:
    'Messages are piling up in a queue that has no consumer: the consuming service is down, crashed on start, or subscribes to another queue. Fix: start (or fix) the consumer; if the queue is obsolete, stop publishing to it or give it a TTL/max-length.',
  evaluate: ({ target }, p) =>
    target.queues
      .filter((q) => q.consumers === 0 && q.ready > p.ready)
      .map((q) => ({ object: queueObject(q), value: `${q.ready} ready, no consumers, publish ${perSec(q.rates.publish)}` })),
});

/** 7 (second half). Consumers exist but cannot keep up while the backlog grows. */
export const slowConsumers = defineRule({
  id: 'slow-consumers',
  usesPoll: true,
  title: 'Consumers not keeping up',
  severity: 'warning',
  forMs: 60_000,
  resolveAfterMs: 60_000,
  params: { utilisation: fraction(0.2), windowSeconds: windowSeconds(30), ready: count(100) },
  explanation:
    'The queue has consumers, but they are busy or blocked most of the time (low consumer utilisation) while the backlog grows. Typical of slow handlers with a tiny prefetch, or of consumers stalled by network backpressure. ' +
    'Fix: add consumers, raise the prefetch moderately, or speed up the handler.',
  observe: (target) => target.queues.map((q) => ({ key: readyKey(q), value: q.ready })),
  evaluate: (ctx, p) =>
    ctx.target.queues.flatMap((q) => {
      if (q.consumers === 0 || q.consumerUtilisation === null || q.consumerUtilisation >= p.utilisation || q.ready <= p.ready) return [];
      const before = valueAgo(ctx, readyKey(q), p.windowSeconds * 1000);
      if (before === null || q.ready <= before) return [];
      return [{ object: queueObject(q), value: `utilisation ${Math.round(q.consumerUtilisation * 100)} %, ${q.ready} ready (was ${before})` }];
    }),
});

/** 11. Persistence that does not match the queue's durability: messages lost on restart, or paid for twice. */
export const durabilityMismatch = defineRule({
  id: 'durability-mismatch',
  usesPoll: true,
  title: 'Durability mismatch',
  severity: 'warning',
  forMs: 30_000,
  resolveAfterMs: 30_000,
  params: { messages: count(1) },
  explanation:
    'Messages and queue disagree about durability. Transient messages in a durable queue are lost when the broker restarts even though the queue survives; persistent messages in a non-durable queue are lost with the queue. ' +
    'Fix: publish with delivery_mode 2 (persistent) to durable queues when the data matters, or make the queue non-durable if it does not. ' +
    '(RabbitMQ counts messages as persistent only in durable queues, so the second case cannot be seen from queue statistics.)',
  evaluate: ({ target }, p) =>
    target.queues.flatMap((q) => {
      if (q.persistent === null || q.messages < p.messages) return [];
      // The lab's transient-in-durable scenario makes this on purpose: said, so it is not taken for an application's.
      const lab = isLabQueueName(q.name) ? "; a queue of rabbitpulse's lab" : '';
      if (q.durable && q.persistent < q.messages) {
        return [{ object: queueObject(q), value: `durable queue holding ${q.messages - q.persistent} transient message(s) of ${q.messages}${lab}` }];
      }
      if (!q.durable && q.persistent > 0) {
        return [{ object: queueObject(q), value: `non-durable queue holding ${q.persistent} persistent message(s)${lab}` }];
      }
      return [];
    }),
});
