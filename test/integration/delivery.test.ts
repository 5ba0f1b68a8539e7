import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryConfig } from '../../server/config/schema';
import type { DeliveryStatus } from '../../server/contract';
import type { Notification, OutboxStore } from '../../server/alerts/types';
import { MemoryOutbox } from '../support/memory-outbox';
import { DeliveryLoop } from '../../server/alerts/delivery/outbox-loop';
import { createNotifiers } from '../../server/alerts/notifiers/index';
import { startWebhookReceiver, type ScriptedReply, type WebhookReceiver } from '../support/webhook-receiver';
import { sleep, waitFor } from '../support/wait';
import { notification, resolved } from '../unit/notifiers/fixtures';

/**
 * The delivery loop against a real HTTP receiver on loopback: retries,
 * Retry-After, timeouts, giving up and restarts, measured from what the
 * receiver saw. Backoffs are tiny so the file runs in seconds.
 */

const SECRET = 'whsec-test';
const FAST: DeliveryConfig = { timeoutMs: 1000, baseBackoffMs: 50, maxBackoffMs: 400, giveUpAfterMs: 60_000 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Harness {
  receiver: WebhookReceiver;
  store: OutboxStore;
  loop: DeliveryLoop;
  /** Every status the loop reported, in order. */
  changes: DeliveryStatus[];
  /** The latest status of the one item, once it reaches `state`. */
  until(state: DeliveryStatus['state'], timeoutMs?: number): Promise<DeliveryStatus>;
  newLoop(opts?: { config?: DeliveryConfig; now?: () => number }): DeliveryLoop;
}

async function harness(script: ScriptedReply[], config: DeliveryConfig = FAST, store: OutboxStore = new MemoryOutbox()): Promise<Harness> {
  const receiver = await startWebhookReceiver(script);
  cleanups.push(() => receiver.close());
  const notifiers = createNotifiers([{ id: 'hook', kind: 'webhook', name: 'Test hook', url: receiver.url, secret: SECRET, minSeverity: 'info', rules: null }]);
  const changes: DeliveryStatus[] = [];
  const newLoop = (opts: { config?: DeliveryConfig; now?: () => number } = {}) => {
    const loop = new DeliveryLoop({ store, notifiers, config: opts.config ?? config, onChange: (s) => changes.push(...s), now: opts.now });
    cleanups.push(() => loop.stop());
    return loop;
  };
  const until = (state: DeliveryStatus['state'], timeoutMs = 10_000) =>
    waitFor(`the delivery to be ${state}`, () => changes.findLast((s) => s.state === state), { timeoutMs, intervalMs: 20 });
  return { receiver, store, loop: newLoop(), changes, until, newLoop };
}

/** The Idempotency-Key of a notification: hex SHA-256 of its key. */
const idempotencyKeyOf = (n: Notification) => createHash('sha256').update(n.key, 'utf8').digest('hex');
const verify = (body: Buffer, header: unknown) => header === 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');

describe('delivery to a real webhook receiver', () => {
  it('delivers a signed generic webhook whose signature verifies', async () => {
    const h = await harness([200]);
    h.loop.start();
    const n = notification();
    const queued = await h.loop.enqueue(n, ['hook']);
    expect(queued).toEqual([expect.objectContaining({ id: `${n.key}|hook`, notifierId: 'hook', alertId: n.alert.id, kind: 'firing', state: 'pending', attempts: 0 })]);

    const done = await h.until('delivered');
    expect(done).toMatchObject({ attempts: 1, lastError: null });
    expect(done.deliveredAt).toBeGreaterThanOrEqual(done.createdAt);

    const [req] = h.receiver.requests;
    expect(req!.method).toBe('POST');
    expect(req!.headers['idempotency-key']).toBe(idempotencyKeyOf(n));
    expect(req!.headers['x-rabbitpulse-event']).toBe('firing');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(verify(req!.body, req!.headers['x-rabbitpulse-signature'])).toBe(true);
    expect(req!.json()).toMatchObject({ schema: 'rabbitpulse.notification.v1', id: n.key, alert: { id: n.alert.id } });
  });

  it('retries 500, 500, 500 and delivers exactly once on the 200, with one idempotency key', async () => {
    const h = await harness([500, 500, 500, 200]);
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    expect(await h.until('delivered')).toMatchObject({ attempts: 4, lastError: null });

    await sleep(500); // nothing more may arrive once delivered
    const reqs = h.receiver.requests;
    expect(reqs).toHaveLength(4);
    expect(new Set(reqs.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(new Set(reqs.map((r) => r.body.toString('hex'))).size).toBe(1); // byte-identical retries
    expect(h.changes.filter((s) => s.state === 'pending' && s.attempts > 0).map((s) => s.lastError)).toEqual(['HTTP 500', 'HTTP 500', 'HTTP 500']);
    expect((await h.store.recent(10))[0]).toMatchObject({ state: 'delivered', attempts: 4 });
  });

  it('waits out a 429 Retry-After of 2 s before the next attempt', async () => {
    const h = await harness([{ status: 429, headers: { 'retry-after': '2' }, body: 'rate limited' }, 200]);
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    await h.until('delivered');
    const [first, second] = h.receiver.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(2000);
    expect(h.changes.find((s) => s.attempts === 1)).toMatchObject({ state: 'pending', lastError: 'HTTP 429: rate limited' });
  });

  it('fails a 404 at once, with the status in lastError and the URL token nowhere', async () => {
    const h = await harness([{ status: 404, body: 'no_service' }]);
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    const failed = await h.until('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('HTTP 404: no_service');
    expect(JSON.stringify(h.changes)).not.toContain('SECRET-PATH-TOKEN');
    await sleep(400);
    expect(h.receiver.requests).toHaveLength(1);
  });

  it('times out a receiver that never answers and retries, one request in flight at a time', async () => {
    const h = await harness(['hang', 200], { ...FAST, timeoutMs: 600 });
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    expect(await h.until('delivered')).toMatchObject({ attempts: 2 });
    expect(h.changes.find((s) => s.attempts === 1)).toMatchObject({ state: 'pending', lastError: 'no answer within 600 ms' });
    const [first, second] = h.receiver.requests;
    // polls run every 250 ms: a second send of the hanging item would have come well before the timeout
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(600);
  });

  it('gives up after giveUpAfterMs and records the last failure', async () => {
    const h = await harness([{ status: 503, body: 'down' }], { ...FAST, giveUpAfterMs: 1000 });
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    const failed = await h.until('failed');
    expect(failed.lastError).toMatch(/^gave up after \d+ attempts in \d\.\d s: HTTP 503: down$/);
    expect(failed.attempts).toBeGreaterThan(2);
    // the last attempt was scheduled no later than the deadline and starts within a poll (250 ms) of it
    expect(failed.lastAttemptAt! - failed.createdAt).toBeLessThanOrEqual(1000 + 300);
    const count = h.receiver.requests.length;
    expect(count).toBe(failed.attempts);
    await sleep(500);
    expect(h.receiver.requests).toHaveLength(count);
  });

  it('delivers, after a restart, what was enqueued but never sent', async () => {
    const h = await harness([200]);
    // the first server wrote the outbox and died before sending anything
    await h.loop.enqueue(notification(), ['hook']);
    await h.loop.stop();
    expect((await h.store.due(Date.now(), 10)).map((i) => i.state)).toEqual(['pending']);

    h.newLoop().start();
    expect(await h.until('delivered')).toMatchObject({ attempts: 1 });
    expect(h.receiver.requests).toHaveLength(1);
  });

  it('resumes, after a restart, a delivery that was waiting to retry', async () => {
    const h = await harness([500, 200], { ...FAST, baseBackoffMs: 20_000, maxBackoffMs: 20_000, giveUpAfterMs: 3_600_000 });
    h.loop.start();
    const n = notification();
    await h.loop.enqueue(n, ['hook']);
    await waitFor('the first attempt to fail', () => h.changes.find((s) => s.attempts === 1));
    await h.loop.stop(); // stopped with the item pending, its retry 10–20 s away

    // the next server starts a minute later on the same store
    h.newLoop({ now: () => Date.now() + 60_000 }).start();
    expect(await h.until('delivered')).toMatchObject({ attempts: 2 });
    expect(h.receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual([idempotencyKeyOf(n), idempotencyKeyOf(n)]);
  });

  it('keeps that order across a restart', async () => {
    const h = await harness([500, 200], { ...FAST, baseBackoffMs: 20_000, maxBackoffMs: 20_000, giveUpAfterMs: 3_600_000 });
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    await waitFor('the first attempt to fail', () => h.changes.find((s) => s.attempts === 1));
    await h.loop.enqueue(resolved(), ['hook']); // held behind the firing, whose retry is 10–20 s away
    await h.loop.stop();

    let offset = 0;
    h.newLoop({ now: () => Date.now() + offset }).start();
    await sleep(600); // the resolved is due, but the new loop learned of the older firing from the store
    expect(h.receiver.requests).toHaveLength(1);
    offset = 60_000; // the firing's retry comes due
    await waitFor('both delivered', () => h.changes.filter((s) => s.state === 'delivered').length === 2);
    expect(h.receiver.requests.map((r) => r.json().kind)).toEqual(['firing', 'firing', 'resolved']);
  });

  it('tries once more, then gives up, an item found after its deadline', async () => {
    const h = await harness([503], { ...FAST, giveUpAfterMs: 5000 });
    await h.loop.enqueue(notification(), ['hook']);
    await h.loop.stop();
    h.newLoop({ now: () => Date.now() + 10_000 }).start(); // the server was down longer than giveUpAfterMs
    expect(await h.until('failed')).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^gave up after 1 attempt in 10 s: HTTP 503$/) });
    await sleep(300);
    expect(h.receiver.requests).toHaveLength(1);
  });

  it('keeps firing before resolved for the same alert when the firing needs retries', async () => {
    const h = await harness([500, 200], { ...FAST, baseBackoffMs: 400, maxBackoffMs: 400 });
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    await h.receiver.waitForRequests(1);
    await h.loop.enqueue(resolved(), ['hook']); // due now, while the firing waits 200–400 ms to retry
    await waitFor('both delivered', () => h.changes.filter((s) => s.state === 'delivered').length === 2);
    expect(h.receiver.requests.map((r) => r.json().kind)).toEqual(['firing', 'firing', 'resolved']);
  });

  it('ignores a notification enqueued twice, without holding later ones behind it', async () => {
    const h = await harness([200]);
    h.loop.start();
    const n = notification();
    await h.loop.enqueue(n, ['hook']);
    await h.until('delivered');
    await h.loop.enqueue(n, ['hook']); // e.g. the engine repeating itself after a restart
    await h.loop.enqueue(resolved(), ['hook']);
    await waitFor('the resolved delivered', () => h.receiver.requests.length === 2 && h.changes.filter((s) => s.state === 'delivered').length === 2);
    expect(h.receiver.requests.map((r) => r.json().kind)).toEqual(['firing', 'resolved']);
  });

  it('stop() waits for the request in flight and records its outcome', async () => {
    const h = await harness([{ status: 200, delayMs: 400 }]);
    h.loop.start();
    await h.loop.enqueue(notification(), ['hook']);
    await h.receiver.waitForRequests(1);
    await h.loop.stop();
    expect((await h.store.recent(1))[0]).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('delivers one notification to several notifiers, each its own item', async () => {
    const a = await startWebhookReceiver([200]);
    const b = await startWebhookReceiver([500, 200]);
    cleanups.push(() => a.close(), () => b.close());
    const notifiers = createNotifiers([
      { id: 'a', kind: 'webhook', name: 'A', url: a.url, minSeverity: 'info', rules: null },
      { id: 'b', kind: 'webhook', name: 'B', url: b.url, minSeverity: 'info', rules: null },
    ]);
    const store = new MemoryOutbox();
    const loop = new DeliveryLoop({ store, notifiers, config: FAST, onChange: () => {} });
    cleanups.push(() => loop.stop());
    loop.start();
    const n: Notification = notification();
    await loop.enqueue(n, ['a', 'b']);
    await waitFor('both delivered', async () => (await store.recent(10)).every((i) => i.state === 'delivered'));
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(2);
    expect(a.requests[0]!.headers).not.toHaveProperty('x-rabbitpulse-signature'); // no secret configured
  });

  it('fails an item whose notifier is no longer configured, naming it', async () => {
    const h = await harness([200]);
    h.loop.start();
    await h.loop.enqueue(notification(), ['gone']);
    expect((await h.until('failed')).lastError).toBe('notifier "gone" is no longer configured; add it back or ignore this delivery');
    expect(h.receiver.requests).toHaveLength(0);
  });
});
