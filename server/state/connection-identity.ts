import { connectionId } from '../shared/object-id';

/**
 * Which connection a broker name means, over time.
 *
 * The broker names a connection `peer -> listener`, and the OS soon gives a
 * closed connection's client port to a new one, so one name means several
 * connections within minutes. Keying anything by the name alone lost closes
 * under churn: the new connection was taken for the old one that had just
 * closed, hidden from the list, and its own close never reported.
 *
 * Here a connection is its name plus when it opened: the broker's
 * `connected_at` where the management API gives it (set when the socket is
 * accepted, so it is earlier than anything the event exchange says about the
 * connection), else the time rabbitpulse first saw it under that name.
 *
 * Closed connections are remembered for a while (the management API's
 * statistics can list a closed connection for a poll or two) by name with
 * what is known of them, so that a later listing is matched to the right one:
 * - known open time: only a row with that same `connected_at` is the closed one;
 * - only the event exchange's `connection.created` time known: a row opened no
 *   later than that is the closed one (a successor on the same port was
 *   accepted after its predecessor was created);
 * - nothing known: a row opened before the close is taken for it.
 */

/** What the management API says of a listed connection. */
export interface ListedConnection {
  name: string;
  connectedAt: number | null;
}

interface Held {
  id: string;
  /** `connected_at`, or null when the broker does not report it. */
  connectedAt: number | null;
}

interface Closed {
  connectedAt: number | null;
  /** When the event exchange saw the connection created, if it did. */
  createdAt: number | null;
  closedAt: number;
  /** The broker's process id from the event exchange, when the close came from there. */
  pid: string | null;
  /** Reported by a poll or close sweep: a later event-exchange close of the same connection is a duplicate. */
  reportedByPoll: boolean;
}

/**
 * How long a closed connection is remembered. The stats list lags the wire by
 * two stats intervals (about 10 s, BENCHMARKS.md); 5 min leaves room for slow
 * polls and a stalled event-exchange consumer.
 */
export const CLOSED_MEMORY_MS = 5 * 60_000;

/**
 * Without `connected_at` a listed row cannot be told from its successor; such
 * a row is hidden only this long after the close (two stats intervals plus a slow poll).
 */
const UNTIMED_HIDE_MS = 15_000;

/** Pruning walks every remembered close: once in this long is enough (closes arrive ten a second under churn). */
const PRUNE_EVERY_MS = 10_000;

export class ConnectionIdentity {
  private readonly held = new Map<string, Held>();
  private readonly closed = new Map<string, Closed[]>();
  private prunedAt = -Infinity;

  /**
   * The id of a listed connection, or null when the row is a connection that
   * has already closed (a stale listing). `now` stands in for the open time of
   * a connection the broker gives none for.
   */
  idOf(row: ListedConnection, now: number): string | null {
    if (this.isClosed(row, now)) return null;
    const current = this.held.get(row.name);
    if (current && (current.connectedAt === row.connectedAt || current.connectedAt === null || row.connectedAt === null)) return current.id;
    // A new connection under this name; if another was held under it, that one has closed (the caller sees it missing).
    const id = connectionId(row.name, row.connectedAt ?? now);
    this.held.set(row.name, { id, connectedAt: row.connectedAt });
    return id;
  }

  /**
   * The id held under `name` if it is the connection the event exchange says
   * closed: one opened after that connection was created is a successor.
   */
  heldMatching(name: string, createdAt: number | null): string | null {
    const current = this.held.get(name);
    if (!current) return null;
    if (createdAt !== null && current.connectedAt !== null && current.connectedAt > createdAt) return null;
    return current.id;
  }

  /**
   * Records a close. `id` is the held connection that closed, if one was;
   * `createdAt` is the event exchange's creation time when known.
   */
  markClosed(name: string, close: { id: string | null; createdAt: number | null; closedAt: number; pid: string | null; reportedByPoll: boolean }): void {
    const current = this.held.get(name);
    const heldClosed = current && close.id === current.id ? current : null;
    if (heldClosed) this.held.delete(name);
    const list = this.closed.get(name) ?? [];
    list.push({ connectedAt: heldClosed?.connectedAt ?? null, createdAt: close.createdAt, closedAt: close.closedAt, pid: close.pid, reportedByPoll: close.reportedByPoll });
    this.closed.set(name, list);
    // Closes keep arriving from the event exchange while polls fail: prune here too, not only at polls.
    this.prune(close.closedAt);
  }

  /**
   * Whether this close from the event exchange was reported already: by the
   * event exchange itself (the same broker process), or by a poll or sweep
   * while the subscription was down or behind (a close of this name at or
   * before a poll-reported close of a connection opened no later than it).
   */
  alreadyReported(name: string, close: { pid: string; at: number; createdAt: number | null }): boolean {
    return (this.closed.get(name) ?? []).some(
      (c) =>
        c.pid === close.pid ||
        (c.reportedByPoll && close.at <= c.closedAt && (close.createdAt === null || c.connectedAt === null || c.connectedAt <= close.createdAt)),
    );
  }

  /** Forgets closes older than CLOSED_MEMORY_MS (at most once per PRUNE_EVERY_MS). */
  prune(now: number): void {
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    for (const [name, list] of this.closed) {
      const kept = list.filter((c) => now - c.closedAt <= CLOSED_MEMORY_MS);
      if (kept.length === 0) this.closed.delete(name);
      else if (kept.length !== list.length) this.closed.set(name, kept);
    }
  }

  /** Sizes, for memory checks in tests and the soak. */
  size(): { held: number; closedNames: number } {
    return { held: this.held.size, closedNames: this.closed.size };
  }

  private isClosed(row: ListedConnection, now: number): boolean {
    const list = this.closed.get(row.name);
    if (!list) return false;
    return list.some((c) => {
      if (row.connectedAt === null) return now - c.closedAt <= UNTIMED_HIDE_MS;
      if (c.connectedAt !== null) return c.connectedAt === row.connectedAt;
      if (c.createdAt !== null) return row.connectedAt <= c.createdAt;
      return row.connectedAt < c.closedAt;
    });
  }
}
