import type { OutboxItem } from '../types';

/**
 * Delivery order within a stream: one notifier, one alert. Without it a
 * "resolved" could overtake a "firing" stuck in retries, and PagerDuty would
 * open an incident after it had been closed. Each test notification is a
 * stream of its own.
 *
 * Knows only the pending items it has been shown (enqueued, read as due, or
 * read back from the store at start); the loop keeps it up to date.
 */
export class DeliveryOrder {
  private readonly pending = new Map<string, OrderKey>();

  remember(item: OutboxItem): void {
    this.pending.set(item.id, orderKey(item));
  }

  forget(id: string): void {
    this.pending.delete(id);
  }

  /** True while an older item of the same stream is still pending. */
  waitsBehindOlder(item: OutboxItem): boolean {
    const mine = orderKey(item);
    for (const [id, other] of this.pending) {
      if (id !== item.id && other.stream === mine.stream && isBefore(other, mine)) return true;
    }
    return false;
  }
}

interface OrderKey {
  stream: string;
  notifiedAt: number;
  queuedAt: number;
  id: string;
}

function orderKey(item: OutboxItem): OrderKey {
  const n = item.notification;
  const stream = n.kind === 'test' ? `test|${item.id}` : `${item.notifierId}|${n.alert.id}`;
  return { stream, notifiedAt: n.createdAt, queuedAt: item.createdAt, id: item.id };
}

/** By the engine's time of the notification, then by when it was queued, then by id. */
function isBefore(a: OrderKey, b: OrderKey): boolean {
  if (a.notifiedAt !== b.notifiedAt) return a.notifiedAt < b.notifiedAt;
  if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt;
  return a.id < b.id;
}
