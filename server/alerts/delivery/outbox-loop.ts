import type { DeliveryConfig } from '../../config/schema';
import type { DeliveryStatus } from '../../contract';
import { createLogger, type Logger } from '../../log';
import { deliveryStatusOf, type Notification, type Notifier, type OutboxItem, type OutboxStore } from '../types';
import { backoffMs } from './backoff';
import type { SendOutcome } from './classify';
import { DeliveryOrder } from './order';
import { sendRequest } from './send';

export interface DeliveryLoopOptions {
  store: OutboxStore;
  /** By notifier id; see createNotifiers(). */
  notifiers: Map<string, Notifier>;
  config: DeliveryConfig;
  /** Called with the items that changed (new, retried, delivered, failed), never the whole list. */
  onChange: (statuses: DeliveryStatus[]) => void;
  now?: () => number;
  random?: () => number;
  log?: Logger;
  /** How often the store is asked for due items. */
  pollIntervalMs?: number;
  /** Most requests in flight at once, over all items. */
  concurrency?: number;
}

const DEFAULT_POLL_MS = 250;
const DEFAULT_CONCURRENCY = 4;
/** Due items asked for per poll beyond the free slots: room to skip those waiting behind an older one. */
const DUE_SLACK = 100;
/** Items read back from the store at start, to learn what a previous run left pending. */
const SEED_LIMIT = 1000;

/**
 * Delivers notifications from the outbox, at least once.
 *
 * `enqueue` writes the items to the store before anything is sent, so a crash
 * or restart loses nothing: the next loop on the same store finds them due.
 * Receivers dedupe by the notification key (the `Idempotency-Key`), which is
 * the same on every retry.
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
 */
export class DeliveryLoop {
  private readonly store: OutboxStore;
  private readonly notifiers: Map<string, Notifier>;
  private readonly config: DeliveryConfig;
  private readonly onChange: (statuses: DeliveryStatus[]) => void;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;

  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private tickAgain = false;
  private seeded: Promise<void> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly order = new DeliveryOrder();
  /** Items settled while a `due()` query was under way: its answer about them is stale. */
  private readonly settledDuringQuery = new Set<string>();

  constructor(opts: DeliveryLoopOptions) {
    this.store = opts.store;
    this.notifiers = opts.notifiers;
    this.config = opts.config;
    this.onChange = opts.onChange;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? createLogger();
    this.pollIntervalMs = opts.pollIntervalMs ?? DEFAULT_POLL_MS;
    this.concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
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
    await this.store.enqueue(items);
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
    await Promise.allSettled([...this.inFlight.values()]);
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
    if (this.inFlight.size >= this.concurrency) return;
    this.settledDuringQuery.clear();
    let due: OutboxItem[];
    try {
      due = await this.store.due(this.now(), this.concurrency + this.inFlight.size + DUE_SLACK);
    } catch (err) {
      this.log.error(`delivery: could not read the outbox: ${(err as Error).message}; retrying in ${this.pollIntervalMs} ms`);
      return;
    }
    for (const item of due) {
      if (!this.running || this.inFlight.size >= this.concurrency) break;
      if (this.inFlight.has(item.id) || this.settledDuringQuery.has(item.id)) continue;
      this.order.remember(item);
      if (this.order.waitsBehindOlder(item)) continue;
      this.launch(item);
    }
  }

  private launch(item: OutboxItem): void {
    const done = this.attempt(item)
      .catch((err: unknown) => this.log.error(`delivery ${item.id}: ${(err as Error).message}`))
      .finally(() => {
        this.inFlight.delete(item.id);
        this.kick(); // a slot is free: the next due item need not wait for the timer
      });
    this.inFlight.set(item.id, done);
  }

  private async attempt(item: OutboxItem): Promise<void> {
    const startedAt = this.now();
    const next = this.settle(item, startedAt, await this.sendOnce(item));
    try {
      await this.store.update(next);
    } catch (err) {
      // The store still says pending, so it will be sent again: at least once, not exactly once.
      this.log.error(`delivery ${item.id}: could not record the attempt (${(err as Error).message}); it may be sent again`);
    }
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
    return sendRequest(request, { timeoutMs: this.config.timeoutMs, now: this.now });
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
        const delay = Math.max(backoffMs(tried.attempts, this.config, this.random()), outcome.retryAfterMs ?? 0);
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

function duration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
