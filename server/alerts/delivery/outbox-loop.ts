import type { DeliveryConfig } from '../../config/schema';
import type { DeliveryStatus } from '../../contract';
import { createLogger, type Logger } from '../../log';
import { RateLimitedLog } from '../../rate-limited-log';
import { inert } from '../../shared/inert';
import { deliveryStatusOf, type HttpRequest, type Notification, type Notifier, type OutboxItem, type OutboxStore } from '../types';
import { backoffMs } from '../../backoff';
import { deliveryBackoff } from './backoff';
import type { SendOutcome } from './classify';
import { DeliveryOrder } from './order';
import { sendRequest, type SendOptions } from './send';
import { OutboxStoreHealth, type StoreHealth, type StoreHealthListener } from './store-health';
import { UnrecordedAttempts } from './unrecorded';

export interface DeliveryLoopOptions {
  store: OutboxStore;
  /** By notifier id; see createNotifiers(). */
  notifiers: Map<string, Notifier>;
  config: DeliveryConfig;
  /** Called with the items that changed (new, retried, delivered, failed), never the whole list. */
  onChange: (statuses: DeliveryStatus[]) => void;
  /** Told when the outbox store starts or stops failing (see ./store-health.ts); storeHealth() gives the same on demand. */
  onStoreHealth?: StoreHealthListener;
  now?: () => number;
  random?: () => number;
  log?: Logger;
  /** Sends one rendered request; tests pass a fake. */
  send?: (request: HttpRequest, opts: SendOptions) => Promise<SendOutcome>;
  /** How often the store is asked for due items. */
  pollIntervalMs?: number;
  /** Most requests in flight at once, over all items. */
  concurrency?: number;
  /** Least time between two log lines about the same store failure. */
  logRepeatMs?: number;
  /** How often to try again to record attempts the store failed to record. */
  recordRetryMs?: number;
}

const DEFAULT_POLL_MS = 250;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_LOG_REPEAT_MS = 60_000;
const DEFAULT_RECORD_RETRY_MS = 5_000;
/** Due items asked for per poll beyond the free slots: room to skip those waiting behind an older one. */
const DUE_SLACK = 100;
/** Items read back from the store at start, to learn what a previous run left pending. */
const SEED_LIMIT = 1000;

/**
 * Delivers notifications from the outbox, at least once.
 *
 * `enqueue` writes the items to the store before anything is sent, so a crash
 * or restart loses nothing: the next loop on the same store finds them due.
 * Receivers dedupe by the notification key (its digest is the
 * `Idempotency-Key`), which is the same on every retry.
 *
 * Each poll takes due items from the store and sends them, a few at a time and
 * never the same item twice at once. Failures that may pass are retried with
 * backoff (or after the service's Retry-After); an item whose next attempt
 * would fall after its `giveUpAt` is marked failed with the last error.
 * The deadline bounds retries, not the attempt already due: an item that comes
 * due late (the server was down, or it waited behind an older item) is still
 * tried once — a late "resolved" is better than an incident left open.
 *
 * Order: per notifier and alert, an item waits while an older one is still
 * pending (see ./order.ts).
 *
 * When the store fails (disk full, file unwritable) the schedule holds anyway:
 * attempts it could not record are kept in memory and win over its stale rows
 * (see ./unrecorded.ts), and are written again every `recordRetryMs` until it
 * takes them. Store failures are logged at a bounded rate and told to
 * `onStoreHealth`.
 */
export class DeliveryLoop {
  private readonly store: OutboxStore;
  private readonly notifiers: Map<string, Notifier>;
  private readonly config: DeliveryConfig;
  private readonly onChange: (statuses: DeliveryStatus[]) => void;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly send: (request: HttpRequest, opts: SendOptions) => Promise<SendOutcome>;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly recordRetryMs: number;
  private readonly repeats: RateLimitedLog;
  private readonly health: OutboxStoreHealth;

  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private tickAgain = false;
  private seeded: Promise<void> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly order = new DeliveryOrder();
  /** Items settled while a `due()` query was under way: its answer about them is stale. */
  private readonly settledDuringQuery = new Set<string>();
  private readonly unrecorded = new UnrecordedAttempts();
  private recording: Promise<void> | null = null;
  private nextRecordAt = 0;

  constructor(opts: DeliveryLoopOptions) {
    this.store = opts.store;
    this.notifiers = opts.notifiers;
    this.config = opts.config;
    this.onChange = opts.onChange;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? createLogger();
    this.send = opts.send ?? sendRequest;
    this.pollIntervalMs = opts.pollIntervalMs ?? DEFAULT_POLL_MS;
    this.concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
    this.recordRetryMs = opts.recordRetryMs ?? DEFAULT_RECORD_RETRY_MS;
    this.repeats = new RateLimitedLog(this.log, { everyMs: opts.logRepeatMs ?? DEFAULT_LOG_REPEAT_MS, now: this.now });
    this.health = new OutboxStoreHealth(this.repeats, opts.onStoreHealth ?? (() => {}));
  }

  /** Whether the outbox store is failing now, and why; the same as told to `onStoreHealth`. */
  storeHealth(): StoreHealth {
    return this.health.current();
  }

  /**
   * Queues one notification for each notifier id and resolves once the items
   * are in the store. Item ids are `${notification.key}|${notifierId}`, so
   * enqueueing the same notification again is a no-op in the store.
   * Works before start(): the items wait in the store.
   */
  async enqueue(notification: Notification, notifierIds: readonly string[]): Promise<DeliveryStatus[]> {
    if (notifierIds.length === 0) return [];
    const at = this.now();
    const items: OutboxItem[] = notifierIds.map((notifierId) => ({
      id: `${notification.key}|${notifierId}`,
      notifierId,
      notification,
      state: 'pending',
      attempts: 0,
      createdAt: at,
      nextAttemptAt: at,
      lastAttemptAt: null,
      deliveredAt: null,
      lastError: null,
      giveUpAt: at + this.config.giveUpAfterMs,
    }));
    try {
      await this.store.enqueue(items);
      this.health.worked('write');
    } catch (err) {
      this.health.failed('write', cannotWrite(err), 'new notifications cannot be queued');
      throw err;
    }
    // Not told to `order` here: if an id was already in the store (and maybe
    // delivered), the store kept its copy, and only due() knows what is pending.
    const statuses = items.map(deliveryStatusOf);
    this.emit(statuses);
    this.kick();
    return statuses;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.seeded = this.seedFromStore();
    this.kick();
  }

  /** Stops polling and resolves once the requests in flight have finished (each is bounded by timeoutMs). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled([...this.inFlight.values(), this.recording]);
    this.repeats.flush();
  }

  /** Polls now, or right after the poll under way. */
  private kick(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (!this.running) return;
      if (this.tickAgain) {
        this.tickAgain = false;
        this.kick();
      } else {
        // unref: pending retries alone should not keep a process alive that is otherwise done.
        this.timer = setTimeout(() => this.kick(), this.pollIntervalMs).unref();
      }
    });
  }

  private async tick(): Promise<void> {
    await this.seeded;
    this.recordAgain();
    if (this.inFlight.size >= this.concurrency) return;
    this.settledDuringQuery.clear();
    let due: OutboxItem[];
    try {
      // Rows the store could not update stay due there; asking for more keeps them from crowding out the rest.
      due = await this.store.due(this.now(), this.concurrency + this.inFlight.size + DUE_SLACK + this.unrecorded.size);
      this.health.worked('read');
    } catch (err) {
      this.health.failed('read', `the outbox cannot be read (${(err as Error).message})`, `nothing is sent until it can; trying again every ${this.pollIntervalMs} ms`);
      return;
    }
    const now = this.now();
    for (const row of due) {
      if (!this.running || this.inFlight.size >= this.concurrency) break;
      if (this.inFlight.has(row.id) || this.settledDuringQuery.has(row.id)) continue;
      const item = this.unrecorded.reconcile(row, now);
      if (!item) continue;
      this.order.remember(item);
      if (this.order.waitsBehindOlder(item)) continue;
      this.launch(item);
    }
  }

  private launch(item: OutboxItem): void {
    const done = this.attempt(item)
      // inert: item ids embed broker object names, which may hold terminal escapes.
      .catch((err: unknown) => this.log.error(`delivery ${inert(item.id)}: ${(err as Error).message}`))
      .finally(() => {
        this.inFlight.delete(item.id);
        this.kick(); // a slot is free: the next due item need not wait for the timer
      });
    this.inFlight.set(item.id, done);
  }

  private async attempt(item: OutboxItem): Promise<void> {
    const startedAt = this.now();
    const next = this.settle(item, startedAt, await this.sendOnce(item));
    await this.record(next);
    if (next.state === 'pending') this.order.remember(next);
    else this.order.forget(next.id);
    this.settledDuringQuery.add(next.id);
    this.emit([deliveryStatusOf(next)]);
  }

  private async sendOnce(item: OutboxItem): Promise<SendOutcome> {
    const notifier = this.notifiers.get(item.notifierId);
    if (!notifier) return { kind: 'failed', error: `notifier "${item.notifierId}" is no longer configured; add it back or ignore this delivery` };
    let request;
    try {
      request = notifier.render(item.notification);
    } catch (err) {
      return { kind: 'failed', error: `could not render the message: ${(err as Error).message}` };
    }
    return this.send(request, { timeoutMs: this.config.timeoutMs, now: this.now });
  }

  /** Writes an item's new state; if the store refuses, remembers it so this process still honours it. */
  private async record(item: OutboxItem): Promise<boolean> {
    try {
      await this.store.update(item);
      this.unrecorded.recorded(item);
      this.health.worked('write');
      return true;
    } catch (err) {
      this.unrecorded.remember(item);
      // The store just refused: give it a while before recordAgain() asks it again.
      if (this.nextRecordAt <= this.now()) this.nextRecordAt = this.now() + this.recordRetryMs;
      this.health.failed('write', cannotWrite(err), 'retries keep their schedule in memory, and a restart may send again what was sent since');
      return false;
    }
  }

  /**
   * Now and then, writes again what the store refused, so that a restart does
   * not resend what was delivered meanwhile. Items in flight are left to the
   * write that ends their attempt; the first failure ends the round.
   */
  private recordAgain(): void {
    if (this.recording || this.unrecorded.size === 0 || this.now() < this.nextRecordAt) return;
    this.nextRecordAt = this.now() + this.recordRetryMs;
    this.recording = (async () => {
      for (const item of this.unrecorded.list()) {
        if (this.inFlight.has(item.id)) continue;
        if (!(await this.record(item))) return;
      }
    })().finally(() => (this.recording = null));
  }

  /** The item after one attempt: delivered, failed, or pending with its next attempt scheduled. */
  private settle(item: OutboxItem, startedAt: number, outcome: SendOutcome): OutboxItem {
    const tried: OutboxItem = { ...item, attempts: item.attempts + 1, lastAttemptAt: startedAt };
    const at = this.now();
    switch (outcome.kind) {
      case 'delivered':
        return { ...tried, state: 'delivered', deliveredAt: at, lastError: null };
      case 'failed':
        return { ...tried, state: 'failed', lastError: outcome.error };
      case 'retry': {
        const delay = Math.max(backoffMs(tried.attempts, deliveryBackoff(this.config), this.random()), outcome.retryAfterMs ?? 0);
        if (at + delay > item.giveUpAt) {
          const plural = tried.attempts === 1 ? '' : 's';
          return { ...tried, state: 'failed', lastError: `gave up after ${tried.attempts} attempt${plural} in ${duration(at - item.createdAt)}: ${outcome.error}` };
        }
        return { ...tried, nextAttemptAt: at + delay, lastError: outcome.error };
      }
    }
  }

  /** A restarted server learns what its predecessor left pending, so the order holds across restarts. */
  private async seedFromStore(): Promise<void> {
    try {
      for (const item of await this.store.recent(SEED_LIMIT)) if (item.state === 'pending') this.order.remember(item);
    } catch (err) {
      this.log.warn(`delivery: could not read recent outbox items (${(err as Error).message}); order across the restart is not guaranteed`);
    }
  }

  private emit(statuses: DeliveryStatus[]): void {
    try {
      this.onChange(statuses);
    } catch (err) {
      this.log.error(`delivery: onChange threw: ${(err as Error).message}`);
    }
  }
}

function cannotWrite(err: unknown): string {
  return `the outbox cannot be written (${(err as Error).message})`;
}

function duration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
