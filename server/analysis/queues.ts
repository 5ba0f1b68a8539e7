import type { QueueHealth } from '../contract';
import type { RawQueue } from '../sources/management/types';
import { queueId } from '../shared/object-id';

export function deriveQueues(queues: readonly RawQueue[]): QueueHealth[] {
  // The consumer timeout settings are read per channel (consumer-timeout.ts), not shown per queue.
  return queues.map(({ publishRate, deliverRate, ackRate, redeliverRate, timeoutArgumentMs: _arg, timeoutPolicyMs: _policy, ...q }) => ({
    id: queueId(q.vhost, q.name),
    // The other fields pass through as the broker gave them (RawQueue shares QueueHealth's), in the same order.
    ...q,
    // The broker reports utilisation for consumer-less queues too; it means nothing there.
    // Whole percent, as it is shown: the broker's own figure drifts in the far decimals on every
    // poll while consumers sit at their prefetch limit, which re-sent up to 2,000 unchanged
    // queue rows per poll at the benchmark's size (BENCHMARKS.md).
    consumerUtilisation: q.consumers > 0 && q.consumerUtilisation !== null ? Math.round(q.consumerUtilisation * 100) / 100 : null,
    rates: { publish: publishRate, deliver: deliverRate, ack: ackRate, redeliver: redeliverRate },
  }));
}
