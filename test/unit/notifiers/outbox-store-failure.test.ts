import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryConfig } from '../../../server/config/schema';
import type { Logger } from '../../../server/log';
import { deliveryBackoff } from '../../../server/alerts/delivery/backoff';
import { backoffMs } from '../../../server/backoff';
import type { SendOutcome } from '../../../server/alerts/delivery/classify';
import { MemoryOutbox } from '../../support/memory-outbox';
import { DeliveryLoop } from '../../../server/alerts/delivery/outbox-loop';
import { createNotifiers } from '../../../server/alerts/notifiers/index';
import type { HttpRequest, OutboxItem, OutboxStore } from '../../../server/alerts/types';
import { notification } from './fixtures';

/**
 * The delivery loop over a store that fails, on a fake clock: whatever the
 * store does, no notification is sent sooner than its backoff allows, a
 * delivered one is never sent again, the log stays short and the failure is
 * told to onStoreHealth.
 */

const CONFIG: DeliveryConfig = { timeoutMs: 1000, baseBackoffMs: 1000, maxBackoffMs: 16_000, giveUpAfterMs: 3_600_000 };
/** Each send takes this long (fake time): the old loop resent at this pace. */
const SEND_MS = 20;

/** A MemoryOutbox whose reads and writes fail on demand, as SQLite does with its disk full. */
class FailingStore implements OutboxStore {
  readonly inner = new MemoryOutbox();
  failUpdate = false;
  failDue = false;
  updates = 0;

  enqueue(items: OutboxItem[]): Promise<void> {
    return this.inner.enqueue(items);
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    if (this.failDue) throw new Error('history: disk I/O error');
    return this.inner.due(now, limit);
  }

  async update(item: OutboxItem): Promise<void> {
    this.updates++;
    if (this.failUpdate) throw new Error('history: database or disk is full');
    return this.inner.update(item);
  }

  recent(limit: number): Promise<OutboxItem[]> {
    return this.inner.recent(limit);
  }
}

interface Setup {
  store: FailingStore;
  loop: DeliveryLoop;
  /** Fake-clock times of each request, by notifier id. */
  sent: Map<string, number[]>;
  lines: string[];
  health: Array<[boolean, string | null]>;
}

function setup(): Setup {
  const store = new FailingStore();
  const sent = new Map<string, number[]>();
  const lines: string[] = [];
  const health: Array<[boolean, string | null]> = [];
  const notifiers = createNotifiers([
    { id: 'up', kind: 'webhook', name: 'Up', url: 'https://up.example/hook', minSeverity: 'info', rules: null },
    { id: 'down', kind: 'webhook', name: 'Down', url: 'https://down.example/hook', minSeverity: 'info', rules: null },
  ]);
  const send = async (request: HttpRequest): Promise<SendOutcome> => {
    const id = new URL(request.url).host.split('.')[0]!;
    sent.set(id, [...(sent.get(id) ?? []), Date.now()]);
    await new Promise((resolve) => setTimeout(resolve, SEND_MS));
    return id === 'up' ? { kind: 'delivered', status: 200 } : { kind: 'retry', error: 'HTTP 503', retryAfterMs: null };
  };
  const log: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  const loop = new DeliveryLoop({
    store,
    notifiers,
    config: CONFIG,
    onChange: () => {},
    onStoreHealth: (ok, message) => health.push([ok, message]),
    send,
    log,
    random: () => 0, // the shortest backoff the schedule allows
  });
  return { store, loop, sent, lines, health };
}

/** stop() waits for the send in flight, which ends only as the fake clock moves. */
async function stop(loop: DeliveryLoop): Promise<void> {
  const stopped = loop.stop();
  await vi.advanceTimersByTimeAsync(SEND_MS);
  await stopped;
}

/** The least time after attempt k (1-based) before attempt k + 1 may start. */
const leastGap = (k: number) => backoffMs(k, deliveryBackoff(CONFIG), 0);

/** How many attempts the backoff allows in `ms` from the first. */
function allowedAttempts(ms: number): number {
  let attempts = 1;
  for (let at = leastGap(1); at <= ms; at += leastGap(attempts)) attempts++;
  return attempts;
}

describe('delivery loop over a failing outbox store (fake clock)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('never resends faster than the backoff, and never resends what was delivered, while every write fails', async () => {
    const { store, loop, sent, lines } = setup();
    store.failUpdate = true;
    loop.start();
    await loop.enqueue(notification(), ['up', 'down']);
    await vi.advanceTimersByTimeAsync(120_000);
    await stop(loop);

    expect(sent.get('up')).toHaveLength(1);
    const down = sent.get('down')!;
    down.slice(1).forEach((at, i) => expect(at - down[i]!).toBeGreaterThanOrEqual(leastGap(i + 1)));
    expect(down.length).toBeLessThanOrEqual(allowedAttempts(120_000));
    expect(down.length).toBeGreaterThan(5); // it did keep retrying

    // One line when writes first failed, then at most one a minute.
    const about = lines.filter((l) => l.includes('the outbox cannot be written'));
    expect(about.length).toBeGreaterThanOrEqual(1);
    expect(about.length).toBeLessThanOrEqual(3);
    expect(about[0]).toBe(
      'delivery: the outbox cannot be written (history: database or disk is full); retries keep their schedule in memory, and a restart may send again what was sent since',
    );
  });

  it('holds the schedule when the store cannot be read either, and says so once', async () => {
    const { store, loop, sent, lines, health } = setup();
    store.failUpdate = true;
    loop.start();
    await loop.enqueue(notification(), ['down']);
    await vi.advanceTimersByTimeAsync(2000);
    store.failDue = true;
    const before = sent.get('down')!.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.get('down')).toHaveLength(before); // nothing is read, nothing is sent
    expect(lines.filter((l) => l.includes('the outbox cannot be read'))).toHaveLength(1);
    expect(health.map(([ok]) => ok)).toEqual([false, false]); // writes, then reads too
    expect(loop.storeHealth()).toEqual({ ok: false, message: 'the outbox cannot be read (history: disk I/O error)' });
    await stop(loop);
  });

  it('tells onStoreHealth once when writes fail and once when they work again, and then records what it kept', async () => {
    const { store, loop, sent, health, lines } = setup();
    store.failUpdate = true;
    loop.start();
    await loop.enqueue(notification(), ['up', 'down']);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(health).toEqual([[false, 'the outbox cannot be written (history: database or disk is full)']]);
    expect(loop.storeHealth().ok).toBe(false);

    store.failUpdate = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(health).toEqual([
      [false, 'the outbox cannot be written (history: database or disk is full)'],
      [true, null],
    ]);
    expect(loop.storeHealth()).toEqual({ ok: true, message: null });
    // The log line about it waits for the end of the minute that began with the failure's line.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lines.at(-1)).toMatch(/^delivery: the outbox can be written again \(\d+ more lines on this left out in the last 60 s\)$/);
    // The delivery the store missed is now in it, so a restart will not resend it.
    const up = (await store.inner.recent(10)).find((i) => i.notifierId === 'up');
    expect(up).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(sent.get('up')).toHaveLength(1);
    await stop(loop);
  });

  it('does not write again and again what the store refused: retries of the record are spaced too', async () => {
    const { store, loop } = setup();
    store.failUpdate = true;
    loop.start();
    await loop.enqueue(notification(), ['up']);
    await vi.advanceTimersByTimeAsync(60_000);
    await stop(loop);
    // One write after the attempt, then one every 5 s.
    expect(store.updates).toBeLessThanOrEqual(1 + 60_000 / 5000 + 1);
  });
});
