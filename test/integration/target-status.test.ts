import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetState } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { MANAGEMENT_URL } from '../support/broker';
import { startMisbehavingApi } from '../support/misbehaving-api';
import { freePort, waitFor } from '../support/wait';

/**
 * Several targets in one app, all but one broken in a different real way.
 * Each broken one must say what is wrong in plain words while the good one
 * keeps updating.
 */
describe('target status when the management API misbehaves', () => {
  let app: RunningApp;
  const fakes: Array<{ close: () => Promise<void> }> = [];

  beforeAll(async () => {
    const html = await startMisbehavingApi('html');
    const truncated = await startMisbehavingApi('truncated');
    const hang = await startMisbehavingApi('hang');
    const wrongShape = await startMisbehavingApi('wrong-shape');
    fakes.push(html, truncated, hang, wrongShape);
    app = await startApp({
      config: {
        poll: { intervalMs: 1000, requestTimeoutMs: 800 },
        targets: [
          { id: 'good', name: 'Local broker', managementUrl: MANAGEMENT_URL },
          { id: 'refused', managementUrl: `http://127.0.0.1:${await freePort()}` },
          { id: 'badauth', managementUrl: MANAGEMENT_URL, username: 'guest', password: 'not-the-password' },
          { id: 'html', managementUrl: html.url },
          { id: 'truncated', managementUrl: truncated.url },
          { id: 'hang', managementUrl: hang.url },
          { id: 'shape', managementUrl: wrongShape.url },
        ],
      },
      env: { RABBITPULSE_POLL_INTERVAL_MS: '1000' },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all(fakes.map((f) => f.close()));
  });

  const target = async (id: string): Promise<TargetState> => (await app.state()).targets.find((t) => t.id === id)!;
  const statusOf = (id: string, kind: string) =>
    waitFor(`target ${id} to report ${kind}`, async () => {
      const t = await target(id);
      return t.status.kind === kind ? t : undefined;
    });

  it('says which failure each broken target has, in words a user can act on', async () => {
    const refused = await statusOf('refused', 'refused');
    expect(refused.status.message).toMatch(/connection refused/);
    expect(refused.status.message).toMatch(/rabbitmq-plugins enable rabbitmq_management/);
    expect(refused.status.lastGoodAt).toBeNull();

    const badauth = await statusOf('badauth', 'unauthorized');
    expect(badauth.status.message).toMatch(/401/);
    expect(badauth.status.message).not.toContain('not-the-password');

    expect((await statusOf('html', 'bad-response')).status.message).toMatch(/text\/html, not JSON/);
    expect((await statusOf('truncated', 'bad-response')).status.message).toMatch(/truncated or malformed JSON/);
    expect((await statusOf('hang', 'timeout')).status.message).toMatch(/did not answer .* within 0\.8 s/);
    expect((await statusOf('shape', 'bad-response')).status.message).toMatch(/where a list was expected/);
  });

  it('keeps polling the good target and backs off the broken ones', async () => {
    const first = await statusOf('good', 'ok');
    const later = await waitFor('the good target to be polled again', async () => {
      const t = await target('good');
      return t.observedAt! > first.observedAt! ? t : undefined;
    });
    expect(later.status.kind).toBe('ok');
    expect(later.overview?.rabbitmqVersion).toMatch(/^\d+\.\d+/);
    expect(later.nodes.length).toBeGreaterThan(0);

    const refused = await waitFor('several failures on the refused target', async () => {
      const t = await target('refused');
      return t.status.consecutiveFailures >= 2 ? t : undefined;
    });
    // Backoff: the next attempt is scheduled later than one plain interval once failures repeat.
    expect(refused.status.nextPollAt).not.toBeNull();
    const health = await app.getJson<{ ok: boolean; targets: Array<{ id: string; status: string }> }>('/healthz');
    expect(health.ok).toBe(true);
    expect(health.targets.find((t) => t.id === 'good')?.status).toBe('ok');
    expect(health.targets.find((t) => t.id === 'refused')?.status).toBe('refused');
    expect(app.process.exitCode).toBeNull();
  });

  it('never puts management credentials in the API', async () => {
    const res = await fetch(app.url + '/api/v1/state');
    const text = await res.text();
    expect(text).not.toContain('not-the-password');
    expect(text).not.toMatch(/"password"/);
  });
});
