import type { OutboxItem } from '../types';

/**
 * Attempts the outbox store failed to record (disk full, file unwritable),
 * kept in memory so the delivery loop still honours them.
 *
 * Without this, the store goes on answering `due()` with the row as it was
 * before the attempt: pending, due long ago, attempts not counted. The loop
 * then sent it again on every poll — 10,190 requests in 30 s with the disk
 * full, including thousands of an item already delivered. Here the loop's own
 * latest word on an item wins over the store's: a delivered or failed item is
 * never sent again by this process, a pending one waits for the attempt its
 * backoff scheduled, and the attempt count keeps growing so the backoff does.
 *
 * Only this process remembers: after a restart the store's stale row is sent
 * again, once, with the same Idempotency-Key (at least once, as always).
 * Entries leave once the store has recorded them; until then they are bounded
 * by the number of notifications, not by time.
 */
export class UnrecordedAttempts {
  private readonly items = new Map<string, OutboxItem>();

  get size(): number {
    return this.items.size;
  }

  /** Keeps `item` unless a later attempt of it is already remembered (a write of an older state failed late). */
  remember(item: OutboxItem): void {
    const known = this.items.get(item.id);
    if (!known || known.attempts <= item.attempts) this.items.set(item.id, item);
  }

  /**
   * The store now holds `item`. Forgotten only if it is still the latest
   * remembered: a newer attempt may have finished while this write was under way.
   */
  recorded(item: OutboxItem): void {
    if (this.items.get(item.id) === item) this.items.delete(item.id);
  }

  /**
   * What to make of a row the store says is due: the row itself when nothing
   * newer is remembered, the remembered item when it is due too, or null when
   * it must not be sent now (settled, or its remembered retry is later).
   */
  reconcile(row: OutboxItem, now: number): OutboxItem | null {
    const mine = this.items.get(row.id);
    // Fewer attempts than the store: someone else wrote it since (another process on the file); the store wins.
    if (!mine || mine.attempts < row.attempts) return row;
    if (mine.state !== 'pending' || mine.nextAttemptAt > now) return null;
    return mine;
  }

  /** Everything still to be recorded. */
  list(): OutboxItem[] {
    return [...this.items.values()];
  }
}
