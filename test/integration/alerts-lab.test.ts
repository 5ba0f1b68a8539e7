import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { runLab, type LabRun } from '../support/lab';
import { waitFor } from '../support/wait';

/**
 * The default rules against real failures: lab scenarios run against the
 * machine's broker while the app watches; each must raise its alert, and
 * the alert must resolve once the scenario ends. `for` durations are
 * shortened so the file runs in about a minute; the rules are the defaults.
 */
describe('default alert rules against lab scenarios', () => {
  let app: RunningApp;
  const labs: LabRun[] = [];

  beforeAll(async () => {
    app = await startApp({
      config: {
        poll: { intervalMs: 1000 },
        probes: { largeMessage: { enabled: false } },
        alerts: {
          rules: {
            'unacked-growth': { forMs: 4000, resolveAfterMs: 2000, params: { windowSeconds: 6 } },
            'backlog-without-consumers': { forMs: 3000, resolveAfterMs: 2000 },
            'durability-mismatch': { forMs: 3000, resolveAfterMs: 2000 },
            'heartbeat-margin': { resolveAfterMs: 2000 },
          },
        },
        targets: [{ id: 'local', name: 'Local' }],
      },
    });
    await waitFor('the event-exchange subscription', async () => (await app.state()).targets[0]?.probe?.eventExchange.state === 'subscribed');
  });

  afterAll(async () => {
    await Promise.all(labs.map((l) => l.stop()));
    await app?.stop();
  });

  const alerts = async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;
  // "firing" matches an alert that has fired, even if it already resolved between two looks.
  const alertFor = (rule: string, label: RegExp, state: Alert['state'], timeoutMs = 30_000) =>
    waitFor(
      `${rule} ${state} for ${label}`,
      async () => (await alerts()).find((a) => a.rule === rule && label.test(a.object.label) && (state === 'firing' ? a.firedAt !== null : a.state === state)),
      { timeoutMs, intervalMs: 250 },
    );

  it('forgotten-ack, no-consumer-backlog and transient-in-durable each raise their alert, and resolve when they end', async () => {
    const forgotten = runLab('forgotten-ack', ['--rate', '20']);
    const backlog = runLab('no-consumer-backlog', ['--rate', '50']);
    const transient = runLab('transient-in-durable');
    labs.push(forgotten, backlog, transient);

    const growth = await alertFor('unacked-growth', /^lab\.forgotten-ack\./, 'firing');
    expect(growth.value).toMatch(/unacked .* ack rate 0\/s/);
    expect(growth.explanation).toMatch(/ack \(or nack\/reject\) on every path/);
    const noConsumers = await alertFor('backlog-without-consumers', /^lab\.no-consumer-backlog\./, 'firing');
    expect(noConsumers.value).toMatch(/ready, no consumers/);
    const durability = await alertFor('durability-mismatch', /^lab\.transient-in-durable\./, 'firing');
    expect(durability.value).toMatch(/durable queue holding \d+ transient message/);

    await Promise.all([forgotten.stop(), backlog.stop(), transient.stop()]);
    for (const a of [growth, noConsumers, durability]) {
      const resolved = await waitFor(`${a.rule} to resolve`, async () => (await alerts()).find((x) => x.id === a.id && x.state === 'resolved'), { timeoutMs: 20_000, intervalMs: 250 });
      expect(resolved.resolvedAt).not.toBeNull();
    }
  }, 120_000);

  // With a 5 s timeout the whole episode lasts 15 s and the broker's counters lag it by 5–10 s, so no
  // poll-based warning can come first (the close alert catches it). A 10 s timeout leaves room to warn.
  it('blocked-handler raises the heartbeat margin alert, then the critical close', async () => {
    const lab = runLab('blocked-handler', ['--heartbeat', '10']);
    labs.push(lab);
    const margin = await alertFor('heartbeat-margin', /^lab-blocked-handler$/, 'firing', 60_000);
    expect(margin.value).toMatch(/silent \d+(\.\d)? s with a 10 s heartbeat timeout/);
    expect(margin.explanation).toMatch(/blocks the client's I\/O loop/);
    const close = await alertFor('heartbeat-close', /^lab-blocked-handler$/, 'firing', 60_000);
    expect(close.severity).toBe('critical');
    expect(close.explanation).toMatch(/do not just raise or disable heartbeats/);
    // The connection is gone, so the margin alert resolves.
    await alertFor('heartbeat-margin', /^lab-blocked-handler$/, 'resolved', 20_000);
    await lab.stop();
  }, 120_000);
});
