import type { QueueHealth } from '../contract';
import type { RawQueue } from '../sources/management/types';
import { queueId } from '../shared/object-id';

export function deriveQueues(queues: readonly RawQueue[]): QueueHealth[] {
  return queues.map((q) => ({
    id: queueId(q.vhost, q.name),
    vhost: q.vhost,
    name: q.name,
    type: q.type,
    state: q.state,
    node: q.node,
    durable: q.durable,
    autoDelete: q.autoDelete,
    exclusive: q.exclusive,
    ready: q.ready,
    unacked: q.unacked,
    messages: q.messages,
    persistent: q.persistent,
    consumers: q.consumers,
    // The broker reports utilisation for consumer-less queues too; it means nothing there.
    // Whole percent, as it is shown: the broker's own figure drifts in the far decimals on every
    // poll while consumers sit at their prefetch limit, which re-sent up to 2,000 unchanged
    // queue rows per poll at the benchmark's size (BENCHMARKS.md).
    consumerUtilisation: q.consumers > 0 && q.consumerUtilisation !== null ? Math.round(q.consumerUtilisation * 100) / 100 : null,
    rates: { publish: q.publishRate, deliver: q.deliverRate, ack: q.ackRate, redeliver: q.redeliverRate },
  }));
}
