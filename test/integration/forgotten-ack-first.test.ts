import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { runLab, type LabRun } from '../support/lab';
import { waitFor } from '../support/wait';

/**
 * A consumer that never acks, as `npm run lab -- forgotten-ack` runs it, on
 * an app with the default rules and the default 5 s poll: the first alert
 * must be the right one — forgotten-ack, with its fix — and come within
 * 40 s; unbounded prefetch, a true but secondary finding, comes after it.
 */
describe('a forgotten ack is named first', () => {
  let app: RunningApp;
  let lab: LabRun | undefined;

  beforeAll(async () => {
    app = await startApp({ env: { RABBITPULSE_POLL_INTERVAL_MS: '5000' }, config: { probes: { largeMessage: { enabled: false } }, targets: [{ id: 'local', name: 'Local' }] } });
    await waitFor('the first poll', async () => (await app.state()).targets[0]?.status.kind === 'ok', { timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await lab?.stop();
    await app?.stop();
  });

  const alerts = async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;
  const onLab = (a: Alert) => a.object.label.startsWith('lab-forgotten-ack') && a.firedAt !== null;

  it('forgotten-ack fires within 40 s of the scenario starting, before unbounded-prefetch', async () => {
    const startedAt = Date.now();
    lab = runLab('forgotten-ack', ['--rate', '20']);
    const first = await waitFor('the first alert on the lab consumer', async () => (await alerts()).filter(onLab).sort((a, b) => a.firedAt! - b.firedAt!)[0], {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    expect(first.rule).toBe('forgotten-ack');
    expect(first.firedAt! - startedAt).toBeLessThan(40_000);
    expect(first.value).toMatch(/unacked on channel 1, no ack for \d+ s or more \(queues: lab\.forgotten-ack\./);
    expect(first.explanation).toMatch(/ack \(or nack\/reject\) on every path/);
    const prefetch = await waitFor('unbounded-prefetch, the secondary finding', async () => (await alerts()).find((a) => onLab(a) && a.rule === 'unbounded-prefetch'), {
      timeoutMs: 45_000,
      intervalMs: 250,
    });
    expect(prefetch.firedAt!).toBeGreaterThanOrEqual(first.firedAt!);
    console.log(`forgotten-ack fired ${first.firedAt! - startedAt} ms after the lab started; unbounded-prefetch ${prefetch.firedAt! - startedAt} ms`);
  }, 120_000);
});
