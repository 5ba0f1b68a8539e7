import type { QueueHealth } from '../../server/contract';

/** Persistent messages in a non-durable queue are lost on broker restart all the same (failure F5). */
export function hasDurabilityMismatch(q: Pick<QueueHealth, 'durable' | 'persistent'>): boolean {
  return !q.durable && (q.persistent ?? 0) > 0;
}

/**
 * Consumers that are almost never ready for more while messages wait: the
 * signature of a slow consumer drowning under unlimited prefetch (F2).
 */
export function isUnderusedConsumer(q: Pick<QueueHealth, 'consumers' | 'consumerUtilisation' | 'ready'>): boolean {
  return q.consumers > 0 && q.ready > 0 && q.consumerUtilisation !== null && q.consumerUtilisation < 0.1;
}
