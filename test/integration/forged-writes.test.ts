import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, DeliveryStatus, ViewerTokensResponse } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { API_TOKEN, bearer, cookieFrom, createViewerToken, PASSWORD_AUTH, signIn } from '../support/auth';
import { freePort, waitFor } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Cross-site request forgery on the real server. SameSite=Strict cookies
 * still go with a form posted from another port of the same host (same
 * site), and acknowledge and test-notification read no body, so the
 * JSON-only rule never applied to them. Every write made with a cookie must
 * now come from the dashboard's own origin; bearer tokens are not affected.
 */
describe('writes made with a cookie from a page on another origin', () => {
  let app: RunningApp;
  let receiver: WebhookReceiver;
  let cookie: string;
  /** Where the forged form lives: same host, another port. */
  let elsewhere: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver([200]);
    elsewhere = `http://127.0.0.1:${await freePort()}`;
    app = await startApp({
      env: { ...PASSWORD_AUTH, RABBITPULSE_PROBES: 'off' },
      config: {
        // A target whose management API refuses connections fires an alert within a poll, without touching the broker.
        targets: [{ id: 'down', managementUrl: `http://127.0.0.1:${await freePort()}` }],
        alerts: { rules: { 'management-unavailable': { forMs: 0 } } },
        notifiers: [{ id: 'team-hook', kind: 'webhook', url: receiver.url, minSeverity: 'info' }],
      },
    });
    cookie = await signIn(app);
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  const api = async <T>(p: string): Promise<T> => (await fetch(app.url + p, { headers: bearer(API_TOKEN) })).json() as Promise<T>;
  const firingAlert = () =>
    waitFor('the management-unavailable alert to fire', async () => (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.rule === 'management-unavailable' && a.state === 'firing'));
  const alertNow = async (id: string) => (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.id === id)!;
  const testDeliveries = async () => (await api<{ deliveries: DeliveryStatus[] }>('/api/v1/deliveries')).deliveries.filter((d) => d.kind === 'test');
  /** What a plain HTML form sends: no JSON, no body to speak of, our cookie, and where it came from. */
  const formPost = (p: string, headers: Record<string, string>) =>
    fetch(app.url + p, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: '', redirect: 'manual' });
  const fromElsewhere = () => ({ origin: elsewhere, 'sec-fetch-site': 'same-site' });

  it('refuses acknowledge and test notification posted by a form on another port: the alert stays unacknowledged, nothing is sent', async () => {
    const alert = await firingAlert();

    const ack = await formPost(`/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`, { cookie, ...fromElsewhere() });
    expect(ack.status).toBe(403);
    expect(ack.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await ack.json()).error).toBe(
      `refused: this request came from a page at ${elsewhere}, not from rabbitpulse's own pages at ${app.url} (protection against cross-site request forgery); behind a reverse proxy, set auth.trustProxy: true and have the proxy send X-Forwarded-Host and X-Forwarded-Proto`,
    );
    expect((await alertNow(alert.id)).acknowledgedAt).toBeNull();

    const test = await formPost('/api/v1/notifiers/team-hook/test', { cookie, ...fromElsewhere() });
    expect(test.status).toBe(403);
    expect((await test.json()).error).toMatch(/cross-site request forgery/);
    expect(await testDeliveries()).toEqual([]);
    expect(receiver.requests.filter((r) => r.json().kind === 'test')).toEqual([]);
  });

  it('refuses by Sec-Fetch-Site when the browser sends no Origin, and refuses an opaque origin', async () => {
    const alert = await firingAlert();
    const path = `/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`;
    for (const site of ['same-site', 'cross-site']) {
      const res = await formPost(path, { cookie, 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      expect((await res.json()).error, site).toContain(`(Sec-Fetch-Site: ${site})`);
    }
    // A sandboxed frame or a data: URL posts with Origin: null.
    expect((await formPost(path, { cookie, origin: 'null' })).status).toBe(403);
    expect((await alertNow(alert.id)).acknowledgedAt).toBeNull();
  });

  it('refuses sign-out and viewer-token changes from another origin, for the admin session and a viewer cookie alike', async () => {
    const foreign = { cookie, ...fromElsewhere() };
    expect((await fetch(`${app.url}/api/v1/session`, { method: 'DELETE', headers: foreign })).status).toBe(403);
    expect(await (await fetch(`${app.url}/api/v1/session`, { headers: { cookie } })).json()).toMatchObject({ role: 'admin' });

    const made = await fetch(`${app.url}/api/v1/viewer-tokens`, { method: 'POST', headers: { ...foreign, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'forged' }) });
    expect(made.status).toBe(403);
    const existing = await createViewerToken(app, 'Lobby TV');
    expect((await fetch(`${app.url}/api/v1/viewer-tokens/${existing.token.id}`, { method: 'DELETE', headers: foreign })).status).toBe(403);
    const listed = await api<ViewerTokensResponse>('/api/v1/viewer-tokens');
    expect(listed.tokens.map((t) => t.name)).toEqual(['Lobby TV']);

    // A wall's viewer cookie cannot be signed out by another page either.
    const tv = cookieFrom(await fetch(app.url + existing.wallPath, { redirect: 'manual' }));
    expect((await fetch(`${app.url}/api/v1/session`, { method: 'DELETE', headers: { cookie: tv, ...fromElsewhere() } })).status).toBe(403);
    expect(await (await fetch(`${app.url}/api/v1/session`, { headers: { cookie: tv } })).json()).toMatchObject({ role: 'viewer' });
  });

  it('does not trust X-Forwarded-Host unless auth.trustProxy says a proxy sets it', async () => {
    const res = await formPost('/api/v1/notifiers/team-hook/test', { cookie, origin: 'https://dash.example', 'x-forwarded-host': 'dash.example', 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(403);
    expect(await testDeliveries()).toEqual([]);
  });

  it('takes the same writes from its own pages, and from a script that sends no Origin', async () => {
    const alert = await firingAlert();
    const ack = await formPost(`/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`, { cookie, origin: app.url, 'sec-fetch-site': 'same-origin' });
    expect(ack.status).toBe(200);
    expect((await alertNow(alert.id)).acknowledgedAt).toBeTypeOf('number');

    const test = await formPost('/api/v1/notifiers/team-hook/test', { cookie });
    expect(test.status).toBe(202);
    await waitFor('the test notification at the receiver', () => receiver.requests.find((r) => r.json().kind === 'test'));
  });

  it('leaves bearer tokens alone: a page on another origin cannot send them', async () => {
    const before = (await testDeliveries()).length;
    const test = await formPost('/api/v1/notifiers/team-hook/test', { ...bearer(API_TOKEN), ...fromElsewhere() });
    expect(test.status).toBe(202);
    expect(await testDeliveries()).toHaveLength(before + 1);
  });
});

describe('cross-origin writes behind a trusted proxy', () => {
  it('takes the origin the proxy says the browser used, and refuses the direct address', async () => {
    const app = await startApp({ env: { ...PASSWORD_AUTH, RABBITPULSE_PROBES: 'off' }, config: { auth: { trustProxy: true }, targets: [{ id: 'local' }] } });
    try {
      const cookie = await signIn(app);
      const proxied = { cookie, 'content-type': 'application/json', 'x-forwarded-host': 'dash.example', 'x-forwarded-proto': 'https' };
      const create = (origin: string) => fetch(`${app.url}/api/v1/viewer-tokens`, { method: 'POST', headers: { ...proxied, origin }, body: JSON.stringify({ name: `from ${origin}` }) });
      expect((await create('https://dash.example')).status).toBe(201);
      const direct = await create(app.url);
      expect(direct.status).toBe(403);
      expect((await direct.json()).error).toContain(`came from a page at ${app.url}, not from rabbitpulse's own pages at https://dash.example`);
    } finally {
      await app.stop();
    }
  });
});

describe('cross-origin writes without sign-in (loopback mode)', () => {
  it('refuses them too: there, being this machine’s browser is the credential', async () => {
    const app = await startApp({ env: { RABBITPULSE_PROBES: 'off' }, config: { targets: [{ id: 'local' }] } });
    try {
      const ack = (headers: Record<string, string>) => fetch(`${app.url}/api/v1/alerts/no-such-alert/ack`, { method: 'POST', headers, redirect: 'manual' });
      const forged = await ack({ origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' });
      expect(forged.status).toBe(403);
      expect((await forged.json()).error).toMatch(/cross-site request forgery/);
      // Past the check, the route itself answers.
      expect((await ack({ origin: app.url, 'sec-fetch-site': 'same-origin' })).status).toBe(404);
      expect((await ack({})).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
