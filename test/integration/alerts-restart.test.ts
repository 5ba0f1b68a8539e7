import { createHash, createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { startApp, tempDatabase, type RunningApp } from '../support/app';
import { openConnection, uniqueName } from '../support/broker';
import { runLab, type LabRun } from '../support/lab';
import { waitFor } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'test-signing-secret';

/**
 * The alerting promise end to end: with a webhook in the config file, the
 * slow-consumer lab produces one signed firing notification naming the
 * consumer's connection and the fix, and one resolved notification after it
 * ends — with rabbitpulse killed (SIGKILL) and restarted in between.
 */
describe('slow-consumer → one firing and one resolved webhook, across a kill and restart', () => {
  let receiver: WebhookReceiver;
  let app: RunningApp | undefined;
  let lab: LabRun | undefined;

  afterAll(async () => {
    await lab?.stop();
    await app?.stop();
    await receiver?.close();
  });

  const notifications = () => receiver.requests.map((r) => ({ r, body: r.json() as { kind: string; id: string; alert: { id: string; rule: string; object: { label: string }; explanation: string; value: string } } }));

  it('delivers exactly one firing and one resolved notification', async () => {
    receiver = await startWebhookReceiver([200]);
    const database = tempDatabase();
    const config = {
      poll: { intervalMs: 1000 },
      probes: { largeMessage: { enabled: false } },
      alerts: {
        reminderIntervalMs: 0,
        rules: {
          'unbounded-prefetch': { forMs: 3000, resolveAfterMs: 3000 },
          'socket-backpressure': { forMs: 3000, resolveAfterMs: 3000 },
        },
      },
      notifiers: [{ id: 'hook', kind: 'webhook', url: receiver.url, secret: SECRET, minSeverity: 'info', rules: ['unbounded-prefetch'] }],
      targets: [{ id: 'local', name: 'Local broker' }],
    };
    const start = () => startApp({ config, env: { RABBITPULSE_DATABASE: database } });
    app = await start();

    // An event before the restart, to find again after it.
    const before = uniqueName('before-restart');
    const conn = await openConnection(before);
    await waitFor('the first connection to be polled', async () => (await app!.state()).targets[0]!.connections.some((c) => c.name === before));
    await conn.close();
    await waitFor('the close of the first connection', async () => (await app!.events()).events.some((e) => e.connection === before));

    lab = runLab('slow-consumer', ['--messages', '3000']);
    const [firing] = await waitFor('the firing notification', () => {
      const found = notifications().filter((n) => n.body.kind === 'firing');
      return found.length ? found : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    const { r, body } = firing!;
    expect(body.alert.rule).toBe('unbounded-prefetch');
    expect(body.alert.object.label).toBe('lab-slow-consumer');
    expect(body.alert.value).toMatch(/unacked on 1 channel\(s\) with prefetch 0 and manual ack/);
    expect(body.alert.explanation).toMatch(/Fix: set a prefetch/);
    const signature = 'sha256=' + createHmac('sha256', SECRET).update(r.body).digest('hex');
    expect(r.headers['x-rabbitpulse-signature']).toBe(signature);
    expect(r.headers['idempotency-key']).toBe(createHash('sha256').update(body.id, 'utf8').digest('hex'));
    // The same consumer also fills its socket (send_pend > 0); that alert is not routed to this notifier.
    const pressure = await waitFor('the socket-backpressure alert', async () =>
      (await app!.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.rule === 'socket-backpressure' && a.object.label === 'lab-slow-consumer'),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(pressure.value).toMatch(/send_pend \d+ bytes/);

    // Kill without any shutdown, then start again on the same database.
    await app.kill();
    app = await start();
    const restored = (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.id === body.alert.id);
    expect(restored?.state).toBe('firing');
    expect((await app.events()).events.some((e) => e.connection === before)).toBe(true);

    await lab.stop();
    lab = undefined;
    const [resolved] = await waitFor('the resolved notification', () => {
      const found = notifications().filter((n) => n.body.kind === 'resolved');
      return found.length ? found : undefined;
    }, { timeoutMs: 40_000, intervalMs: 200 });
    expect(resolved!.body.alert.id).toBe(body.alert.id);
    // Give any duplicate a chance to show up, then count.
    await new Promise((res) => setTimeout(res, 2_000));
    const kinds = notifications().filter((n) => n.body.alert.id === body.alert.id).map((n) => n.body.kind);
    expect(kinds).toEqual(['firing', 'resolved']);
    const state = (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.id === body.alert.id);
    expect(state?.state).toBe('resolved');
  }, 180_000);
});
