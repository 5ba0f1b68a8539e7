import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryStatus, StateResponse } from '../../server/contract';
import { ROOT, startApp, type RunningApp } from '../support/app';
import { ADMIN_PASSWORD, API_TOKEN, bearer, createViewerToken, PASSWORD_AUTH, signIn, trySocket } from '../support/auth';
import { management, uniqueName } from '../support/broker';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

const secret = (prefix: string) => `${prefix}-${randomBytes(9).toString('hex')}`;

/**
 * A run with known secrets — broker and management credentials (good and
 * wrong ones, so error paths run too), webhook URLs and the signing secret,
 * the admin password and the API token — in which every HTTP answer, every
 * socket message, every log line and the built client bundle are collected
 * and searched for each of them.
 */
describe('secrets never leave the server', () => {
  const amqpUser = uniqueName('rp-leak-amqp');
  const mgmtUser = uniqueName('rp-leak-mgmt');
  const secrets: Record<string, string> = {
    'broker password': secret('brokerPw'),
    'management password': secret('mgmtPw'),
    'wrong broker password': secret('wrongBrokerPw'),
    'wrong management password': secret('wrongMgmtPw'),
    'webhook URL path': secret('whPath'),
    'webhook signing secret': secret('whSecret'),
    'Slack URL path': secret('slackPath'),
    'unreachable webhook URL path': secret('deadPath'),
    'admin password': ADMIN_PASSWORD,
    'API token': API_TOKEN,
  };
  let receiver: WebhookReceiver;
  let app: RunningApp;
  const collected: Array<{ where: string; text: string }> = [];
  const keep = (where: string, text: string) => collected.push({ where, text });

  beforeAll(async () => {
    const permissions = JSON.stringify({ configure: '.*', write: '.*', read: '.*' });
    for (const [user, password, tags] of [
      [amqpUser, secrets['broker password']!, ''],
      [mgmtUser, secrets['management password']!, 'monitoring'],
    ]) {
      await management(`/api/users/${user}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password, tags }) });
      await management(`/api/permissions/%2F/${user}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: permissions });
    }
    receiver = await startWebhookReceiver([200]);
    const base = new URL(receiver.url).origin;
    app = await startApp({
      env: PASSWORD_AUTH,
      config: {
        targets: [
          { id: 'local', amqpUrl: `amqp://${amqpUser}:${secrets['broker password']}@127.0.0.1:5672`, username: mgmtUser, password: secrets['management password'] },
          {
            id: 'badauth',
            amqpUrl: `amqp://${amqpUser}:${secrets['wrong broker password']}@127.0.0.1:5672`,
            managementUrl: `http://${mgmtUser}:${secrets['wrong management password']}@127.0.0.1:15672`,
          },
        ],
        probes: { largeMessage: { enabled: false }, reconnectBaseMs: 500 },
        alerts: { rules: { 'management-unavailable': { forMs: 1000 }, 'probe-reset': { forMs: 0 } } },
        delivery: { baseBackoffMs: 200, maxBackoffMs: 1000 },
        notifiers: [
          { id: 'hook', kind: 'webhook', url: `${base}/hooks/${secrets['webhook URL path']}`, secret: secrets['webhook signing secret'], minSeverity: 'info' },
          { id: 'team', kind: 'slack', url: `${base}/services/T0/B0/${secrets['Slack URL path']}`, minSeverity: 'info' },
          { id: 'dead', kind: 'webhook', url: `http://127.0.0.1:1/hooks/${secrets['unreachable webhook URL path']}`, minSeverity: 'info' },
        ],
      },
    });
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    for (const user of [amqpUser, mgmtUser]) await management(`/api/users/${user}`, { method: 'DELETE' }).catch(() => {});
  });

  it('finds none of them in HTTP answers, socket messages, logs or the client bundle', async () => {
    const admin = await signIn(app);
    // Streams first, so every delta of the run is collected.
    const adminStream = await trySocket(app.url, { cookie: admin });
    const viewerToken = await createViewerToken(app, 'leak test TV');
    const viewerStream = await trySocket(app.url, { token: viewerToken.secret });
    for (const [name, s] of [['admin', adminStream], ['viewer', viewerStream]] as const) {
      if (!s.connected) throw new Error(`${name} socket refused: ${s.error}`);
      s.socket.onAny((event: string, payload: unknown) => keep(`socket ${name} ${event}`, JSON.stringify(payload)));
      // The first snapshot may have come before the listener: ask for one.
      s.socket.emit('snapshot:request', { reason: 'secret-leak test' });
    }

    const fetchText = async (p: string, init: RequestInit = {}) => {
      const res = await fetch(app.url + p, { redirect: 'manual', ...init });
      keep(`HTTP ${init.method ?? 'GET'} ${p} (${res.status})`, `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await res.text()}`);
      return res;
    };
    const json = { 'content-type': 'application/json' };

    // Both targets polled (one refused with 401), the bad probe failed on its credentials, the good one is up.
    await waitFor('both targets polled, the bad probe refused', async () => {
      const state = (await (await fetch(`${app.url}/api/v1/state`, { headers: bearer(API_TOKEN) })).json()) as StateResponse;
      const [good, bad] = state.targets;
      return good?.status.kind === 'ok' && good.probe?.state === 'up' && bad?.status.kind === 'unauthorized' && bad.probe?.lastError?.cause === 'auth-failure';
    }, { timeoutMs: 30_000 });
    for (const id of ['hook', 'team', 'dead']) await fetchText(`/api/v1/notifiers/${id}/test`, { method: 'POST', headers: { ...json, cookie: admin }, body: '{}' });
    await waitFor('the test notifications delivered, and the unreachable one failed at least once', async () => {
      const { deliveries } = (await (await fetch(`${app.url}/api/v1/deliveries`, { headers: bearer(API_TOKEN) })).json()) as { deliveries: DeliveryStatus[] };
      const of = (id: string) => deliveries.find((d) => d.notifierId === id && d.kind === 'test');
      return of('hook')?.state === 'delivered' && of('team')?.state === 'delivered' && (of('dead')?.lastError ?? null) !== null;
    }, { timeoutMs: 20_000 });
    await waitFor('management-unavailable to fire for the bad target', async () => {
      const { alerts } = await (await fetch(`${app.url}/api/v1/alerts`, { headers: bearer(API_TOKEN) })).json();
      return (alerts as Array<{ rule: string; targetId: string; state: string }>).some((a) => a.rule === 'management-unavailable' && a.targetId === 'badauth' && a.state === 'firing');
    }, { timeoutMs: 30_000 });

    for (const page of ['/', '/connections', '/queues', '/probes', '/probes/local', '/probes/badauth', '/timeline', '/alerts', '/access', '/wall', '/login']) {
      await fetchText(page, { headers: { cookie: admin } });
      await fetchText(page, { headers: { cookie: admin, rsc: '1' } }); // what client-side navigation fetches
    }
    await fetchText('/', {}); // the sign-in redirect
    await fetchText(viewerToken.wallPath, {});
    for (const api of [
      '/healthz',
      '/api/v1/state',
      '/api/v1/state?target=badauth',
      '/api/v1/state?target=nope',
      '/api/v1/events',
      '/api/v1/alerts',
      '/api/v1/silences',
      '/api/v1/deliveries',
      '/api/v1/targets/local/history?range=1h',
      '/api/v1/targets/badauth/history?range=15m',
      '/api/v1/session',
      '/api/v1/viewer-tokens',
    ]) {
      await fetchText(api, { headers: { cookie: admin } });
      await fetchText(api, { headers: bearer(viewerToken.secret) });
      await fetchText(api);
    }
    await fetchText('/api/v1/session', { method: 'POST', headers: json, body: JSON.stringify({ password: 'wrong password' }) });
    // The streams have seen a few polls and the deliveries by now; one more full picture each.
    for (const s of [adminStream, viewerStream]) if (s.connected) s.socket.emit('snapshot:request', { reason: 'secret-leak test' });
    await new Promise((r) => setTimeout(r, 3000));
    for (const s of [adminStream, viewerStream]) if (s.connected) s.socket.close();
    await app.stop();
    keep('log', app.output());
    for (const file of filesUnder(path.join(ROOT, '.next', 'static'))) keep(`bundle ${path.relative(ROOT, file)}`, readFileSync(file, 'latin1'));

    // The collection is not empty and did reach what it should: a sanity check on the test itself.
    expect(collected.filter((c) => c.where.startsWith('socket admin snapshot')).length).toBeGreaterThan(0);
    expect(collected.filter((c) => c.where.startsWith('bundle ')).length).toBeGreaterThan(10);
    expect(collected.some((c) => c.text.includes(mgmtUser))).toBe(true); // user names are not secret, and they are shown

    const leaks: string[] = [];
    for (const [what, value] of Object.entries(secrets)) {
      const forms = [value, encodeURIComponent(value), Buffer.from(value).toString('base64')];
      for (const user of [amqpUser, mgmtUser]) forms.push(Buffer.from(`${user}:${value}`).toString('base64'));
      for (const c of collected) if (forms.some((f) => c.text.includes(f))) leaks.push(`${what} in ${c.where}`);
    }
    expect(leaks).toEqual([]);
    // The receiver did get what it was sent (so the secrets were really in use).
    expect(receiver.requests.some((r) => r.path.endsWith(secrets['webhook URL path']!))).toBe(true);
    expect(receiver.requests.some((r) => r.path.endsWith(secrets['Slack URL path']!))).toBe(true);
  }, 120_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
