import type { OutboxItem, OutboxStore } from '../../server/alerts/types';

/**
 * An OutboxStore in memory, for tests of delivery without a database (the
 * server itself stops when its history cannot be opened). Items are copied in
 * and out, as a database would, so a caller that mutates what it got back
 * cannot change what is stored.
 */
export class MemoryOutbox implements OutboxStore {
  private readonly items = new Map<string, OutboxItem>();

  /** An id already present is left as it is: enqueueing the same notification twice is harmless. */
  async enqueue(items: OutboxItem[]): Promise<void> {
    for (const item of items) if (!this.items.has(item.id)) this.items.set(item.id, structuredClone(item));
  }

  /** Pending items whose next attempt is due, the longest-waiting first. */
  async due(now: number, limit: number): Promise<OutboxItem[]> {
    return [...this.items.values()]
      .filter((i) => i.state === 'pending' && i.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
      .slice(0, limit)
      .map((i) => structuredClone(i));
  }

  async update(item: OutboxItem): Promise<void> {
    this.items.set(item.id, structuredClone(item));
  }

  /** Newest first. */
  async recent(limit: number): Promise<OutboxItem[]> {
    return [...this.items.values()]
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map((i) => structuredClone(i));
  }
}
