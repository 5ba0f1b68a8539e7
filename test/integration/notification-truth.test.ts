import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Alert, AlertDelivery, Delta, NotifierTally } from '../../server/contract';
import { Alerting } from '../../server/alerts/alerting';
import type { NotifierConfig } from '../../server/alerts/types';
import { loadConfig } from '../../server/config/load';
import type { DeliveryConfig } from '../../server/config/schema';
import { createLogger } from '../../server/log';
import { openHistory, type SqliteHistory } from '../../server/persistence';
import { waitFor } from '../support/wait';
import { startWebhookReceiver, type ScriptedReply, type WebhookReceiver } from '../support/webhook-receiver';
import { hubWithOneTarget } from '../unit/hub-harness';
import { rawChannel, rawConnection, rawConsumer, rawPoll } from '../unit/builders';
import { historyConfig, tempFolder } from '../unit/persistence/records';

/**
 * An alert card's counts, from a real firing to real receivers: the server's
 * alerting (engine, outbox in a real SQLite history, delivery loop) wired to
 * a real hub, an alert raised by real polls, and webhooks answered by real
 * HTTP servers on loopback. What the card shows is the alert's `delivery`,
 * read here where the browser gets it: the hub's deltas.
 */

const FAST: DeliveryConfig = { timeoutMs: 1000, baseBackoffMs: 100, maxBackoffMs: 200, giveUpAfterMs: 1500 };
const RULE = 'unbounded-prefetch';
const discard = new Writable({ write: (_chunk, _enc, done) => done() });
const temp = tempFolder();
afterAll(temp.remove);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Run {
  /** The latest version of the one alert, as browsers got it. */
  alert(): Alert | undefined;
  tally(notifierId: string): NotifierTally | undefined;
  until(what: string, ok: (d: AlertDelivery | undefined) => boolean, timeoutMs?: number): Promise<Alert>;
  history: SqliteHistory;
  receivers: Map<string, WebhookReceiver>;
}

/** Alerting with one webhook notifier per script, and a poll that makes `unbounded-prefetch` fire at once. */
async function run(scripts: Record<string, ScriptedReply[]>, routing: Partial<Pick<NotifierConfig, 'minSeverity' | 'rules'>> = {}): Promise<Run> {
  const receivers = new Map<string, WebhookReceiver>();
  for (const [id, script] of Object.entries(scripts)) {
    const r = await startWebhookReceiver(script);
    cleanups.push(() => r.close());
    receivers.set(id, r);
  }
  const history = await openHistory(historyConfig(path.join(temp.dir, `history-${Math.random().toString(36).slice(2)}.db`)));
  cleanups.push(() => history.close());
  const { hub, poll } = hubWithOneTarget();
  const base = loadConfig([], { RABBITPULSE_AUTH: 'none' });
  // Only this rule, so another rule firing on the same polls cannot send anything.
  const notifiers: NotifierConfig[] = [...receivers].map(([id, r]) => ({ id, kind: 'webhook', name: id, url: r.url, minSeverity: 'info', rules: [RULE], ...routing }));
  const config = {
    ...base,
    alerts: { ...base.alerts, reminderIntervalMs: 0, rules: { [RULE]: { forMs: 0, resolveAfterMs: 0 } } },
    notifiers,
    delivery: FAST,
    targets: [{ ...base.targets[0]!, id: 'local' }],
  };
  const alerting = new Alerting(config, hub, history, createLogger(discard, discard));
  await alerting.start([]);
  cleanups.push(() => alerting.stop());
  const seen: Delta[] = [];
  hub.onDelta((d) => seen.push(d));

  // Manual ack, prefetch 0, 500 unacked, and it has acked before (a slow consumer, not a forgotten ack): the rule's condition holds at the first poll.
  const at = Date.now();
  poll(rawPoll(at, { connections: [rawConnection()], channels: [rawChannel({ prefetch: 0, unacked: 500, acks: 1 })], consumers: [rawConsumer({ prefetch: 0, ackRequired: true })] }));

  const alert = () => seen.flatMap((d) => d.alerts ?? []).findLast((a) => a.rule === RULE);
  return {
    alert,
    tally: (id) => alert()?.delivery?.notifiers.find((t) => t.notifierId === id),
    until: (what, ok, timeoutMs = 10_000) =>
      waitFor(what, () => {
        const a = alert();
        return a && a.state === 'firing' && ok(a.delivery) ? a : undefined;
      }, { timeoutMs, intervalMs: 20 }).catch((err: Error) => {
        throw new Error(`${err.message}; last delivery: ${JSON.stringify(alert()?.delivery)}`);
      }),
    history,
    receivers,
  };
}

describe('an alert counts the deliveries that happened, per notifier', () => {
  it('one delivery to a receiver that answers 200: delivered 1, as browsers and the history see it', async () => {
    const r = await run({ hook: [200] });
    const a = await r.until('hook delivered', (d) => d?.notifiers[0]?.delivered === 1);
    expect(a.delivery).toEqual({ notifiers: [{ notifierId: 'hook', queued: 1, delivered: 1 }] });
    expect(r.receivers.get('hook')!.requests).toHaveLength(1);
    expect(r.receivers.get('hook')!.requests[0]!.json()).toMatchObject({ kind: 'firing', alert: { id: a.id, rule: RULE } });

    // Kept with the alert, so a restart shows the same counts.
    const stored = await waitFor('the counts in the history', async () => (await r.history.loadAlerts(60_000)).find((s) => s.id === a.id && s.delivery?.notifiers[0]?.delivered === 1));
    expect(stored.delivery).toEqual(a.delivery);
  });

  it('a failing receiver: retrying with its error while it fails, given up at the deadline, never counted delivered', async () => {
    const r = await run({ good: [200], bad: [{ status: 503, body: 'maintenance' }] });
    const retrying = await r.until('bad retrying', (d) => d?.notifiers.find((t) => t.notifierId === 'bad')?.retryError !== undefined);
    expect(retrying.delivery!.notifiers.find((t) => t.notifierId === 'bad')).toEqual({ notifierId: 'bad', queued: 1, retryError: 'HTTP 503: maintenance' });

    await r.until('bad given up', (d) => d?.notifiers.find((t) => t.notifierId === 'bad')?.failed === 1, 10_000);
    expect(r.tally('good')).toEqual({ notifierId: 'good', queued: 1, delivered: 1 });
    const bad = r.tally('bad')!;
    expect(bad).toEqual({ notifierId: 'bad', queued: 1, failed: 1, lastFailure: expect.stringMatching(/^gave up after \d+ attempts in .*: HTTP 503: maintenance$/) });
    expect(bad.delivered).toBeUndefined();
    // Every attempt reached the receiver; none counted as delivered.
    expect(r.receivers.get('bad')!.requests.length).toBeGreaterThan(1);
    expect(JSON.stringify(r.alert())).not.toContain('SECRET-PATH-TOKEN');
  });

  it('a receiver that refuses (404): failed at once with its answer', async () => {
    const r = await run({ hook: [{ status: 404, body: 'no_service' }] });
    const a = await r.until('hook failed', (d) => d?.notifiers[0]?.failed === 1);
    expect(a.delivery).toEqual({ notifiers: [{ notifierId: 'hook', queued: 1, failed: 1, lastFailure: expect.stringMatching(/^HTTP 404: no_service/) }] });
    expect(r.receivers.get('hook')!.requests).toHaveLength(1);
  });

  it('a notifier that does not take the alert: nothing sent to it, skipped with the reason', async () => {
    const r = await run({ pager: [200] }, { minSeverity: 'critical' });
    const a = await r.until('the skip on the alert', (d) => d?.notifiers[0]?.skipped === 1);
    expect(a.delivery).toEqual({ notifiers: [{ notifierId: 'pager', skipped: 1, skippedBecause: 'below-min-severity' }] });
    await new Promise((resolve) => setTimeout(resolve, 500)); // a delivery would have arrived by now
    expect(r.receivers.get('pager')!.requests).toHaveLength(0);
  });

  it('no notifier configured: the alert fires, raises its notification, and counts no delivery', async () => {
    const r = await run({});
    await waitFor('the alert to fire', () => r.alert()?.state === 'firing');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.alert()!.notifications).toBe(1);
    expect(r.alert()!.delivery).toBeUndefined();
  });
});
