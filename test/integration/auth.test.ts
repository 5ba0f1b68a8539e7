import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse, ViewerTokensResponse } from '../../server/contract';
import { runAppExpectingExit, startApp, type RunningApp } from '../support/app';
import { ADMIN_PASSWORD, API_TOKEN, bearer, cookieFrom, createViewerToken, PASSWORD_AUTH, signIn, trySocket } from '../support/auth';
import { waitFor } from '../support/wait';

/**
 * Access control on the real server: without a session or token every page,
 * /api/v1/* and the socket are refused; admins sign in; viewer tokens are
 * read-only and revocable; scripts use the API token; the no-auth mode is
 * refused off loopback.
 */
describe('access control', () => {
  let app: RunningApp;
  const get = (p: string, headers: Record<string, string> = {}) => fetch(app.url + p, { headers, redirect: 'manual' });
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(app.url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), redirect: 'manual' });
  const del = (p: string, headers: Record<string, string> = {}) => fetch(app.url + p, { method: 'DELETE', headers, redirect: 'manual' });

  beforeAll(async () => {
    app = await startApp({ env: { ...PASSWORD_AUTH, RABBITPULSE_PROBES: 'off' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses every page, the API and the socket without a session or token; /healthz stays open and says little', async () => {
    for (const page of ['/', '/connections', '/alerts', '/access', '/wall', '/timeline?kind=closed', '/no-such-page']) {
      const res = await get(page);
      expect(res.status, page).toBe(303);
      expect(res.headers.get('location'), page).toBe(`/login?next=${encodeURIComponent(page)}`);
    }
    for (const api of ['/api/v1/state', '/api/v1/events', '/api/v1/alerts', '/api/v1/silences', '/api/v1/deliveries', '/api/v1/viewer-tokens', '/api/v1/targets/local/history']) {
      const res = await get(api);
      expect(res.status, api).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await res.json()).error).toMatch(/not signed in/);
    }
    expect((await post('/api/v1/silences', { rule: 'x', durationMs: 1000 })).status).toBe(401);
    const socket = await trySocket(app.url);
    expect(socket).toEqual({ connected: false, error: 'unauthorized' });

    const health = await get('/healthz');
    expect(health.status).toBe(200);
    const body = await health.json();
    expect(Object.keys(body).sort()).toEqual(['ok', 'uptimeSec', 'version']);
    // The sign-in page itself must load.
    expect((await get('/login')).status).toBe(200);
  });

  it('sends the security headers on pages and API answers alike', async () => {
    const page = await get('/login');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // Next put the same nonce on its scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    for (const res of [page, await get('/api/v1/state'), await get('/healthz'), await get('/')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('refuses a wrong password with 401 and signs in with the right one: an httpOnly, SameSite=Strict session cookie', async () => {
    const bad = await post('/api/v1/session', { password: 'not-the-password' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'wrong password' });
    expect(bad.headers.getSetCookie()).toEqual([]);
    // A form post from another site cannot sign anyone in (or out): JSON only.
    const form = await fetch(`${app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `password=${ADMIN_PASSWORD}` });
    expect(form.status).toBe(400);

    const good = await post('/api/v1/session', { password: ADMIN_PASSWORD });
    expect(good.status).toBe(200);
    const setCookie = good.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^rabbitpulse_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = cookieFrom(good);

    expect(await (await get('/api/v1/session', { cookie })).json()).toEqual({ role: 'admin', authMode: 'password' } satisfies SessionResponse);
    expect((await get('/api/v1/state', { cookie })).status).toBe(200);
    const page = await get('/connections', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="session-controls"');
    const socket = await trySocket(app.url, { cookie });
    expect(socket.connected).toBe(true);
    if (!socket.connected) return;
    const disconnected = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));

    // Signing out ends the session, its cookie, and its live stream.
    const out = await del('/api/v1/session', { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().some((c) => /^rabbitpulse_session=; .*Max-Age=0/.test(c))).toBe(true);
    await expect(disconnected).resolves.toBe('io server disconnect');
    expect((await get('/api/v1/state', { cookie })).status).toBe(401);
    expect((await get('/', { cookie })).status).toBe(303);
    expect(await trySocket(app.url, { cookie })).toEqual({ connected: false, error: 'unauthorized' });
  });

  it('lets a script in with the API token as a bearer, for reads and writes', async () => {
    expect((await get('/api/v1/state', bearer(API_TOKEN))).status).toBe(200);
    expect((await get('/api/v1/state', bearer(`${API_TOKEN}x`))).status).toBe(401);
    const silence = await post('/api/v1/silences', { rule: 'event-exchange-disabled', durationMs: 60_000, comment: 'api token test' }, bearer(API_TOKEN));
    expect(silence.status).toBe(201);
    const id = (await silence.json()).silence.id as string;
    expect((await del(`/api/v1/silences/${id}`, { ...bearer(API_TOKEN), 'content-type': 'application/json' })).status).toBe(200);
    expect((await trySocket(app.url, { headers: bearer(API_TOKEN) })).connected).toBe(true);
    const health = await (await get('/healthz', bearer(API_TOKEN))).json();
    expect(health.targets).toEqual([{ id: 'local', status: expect.any(String) }]);
  });

  it('gives a viewer token read-only access, trades /wall?token= for a cookie, and ends everything when revoked', async () => {
    const admin = await signIn(app);
    const createdRes = await post('/api/v1/viewer-tokens', { name: 'Team TV' }, { cookie: admin });
    expect(createdRes.status).toBe(201);
    const created = await createdRes.json();
    expect(created.secret).toMatch(/^rpv_[A-Za-z0-9_-]{43}$/);
    expect(created.wallPath).toBe(`/wall?token=${created.secret}`);
    // Listed without the secret, ever again.
    const listed = (await (await get('/api/v1/viewer-tokens', { cookie: admin })).json()) as ViewerTokensResponse;
    expect(listed.tokens.find((t) => t.id === created.token.id)).toEqual({ id: created.token.id, name: 'Team TV', createdAt: expect.any(Number), lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const viewer = bearer(created.secret);
    expect((await get('/api/v1/state', viewer)).status).toBe(200);
    expect((await get('/api/v1/alerts', viewer)).status).toBe(200);
    for (const [method, path] of [['POST', '/api/v1/silences'], ['POST', '/api/v1/alerts/x/ack'], ['POST', '/api/v1/notifiers/x/test'], ['DELETE', '/api/v1/silences/x']] as const) {
      const res = await fetch(app.url + path, { method, headers: { ...viewer, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await res.json()).error).toMatch(/read-only/);
    }
    expect((await get('/api/v1/viewer-tokens', viewer)).status).toBe(403);
    expect((await post('/api/v1/viewer-tokens', { name: 'escalate' }, viewer)).status).toBe(403);

    // The TV opens the link: a cookie, and the address loses the token.
    const wall = await get(`${created.wallPath}&targets=local`);
    expect(wall.status).toBe(303);
    expect(wall.headers.get('location')).toBe('/wall?targets=local');
    const setCookie = wall.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^rabbitpulse_viewer=rpv_[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const tv = cookieFrom(wall);
    expect((await get('/wall?targets=local', { cookie: tv })).status).toBe(200);
    const alertsPage = await get('/alerts', { cookie: tv });
    expect(alertsPage.status).toBe(200);
    const html = await alertsPage.text();
    expect(html).toContain('data-role="viewer"');
    expect(html).not.toContain('>Access<'); // no admin navigation
    expect(await (await get('/api/v1/session', { cookie: tv })).json()).toEqual({ role: 'viewer', authMode: 'password' });
    const stream = await trySocket(app.url, { cookie: tv });
    expect(stream.connected).toBe(true);
    if (!stream.connected) return;
    const handshake = await trySocket(app.url, { token: created.secret });
    expect(handshake.connected).toBe(true);
    const ended = new Promise<string>((resolve) => stream.socket.once('disconnect', resolve));

    const bad = await get('/wall?token=rpv_not-a-token');
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe('/login?reason=token&next=%2Fwall');
    expect(bad.headers.getSetCookie()).toEqual([]);

    expect((await del(`/api/v1/viewer-tokens/${created.token.id}`, { cookie: admin })).status).toBe(200);
    await expect(ended).resolves.toBe('io server disconnect');
    expect((await get('/api/v1/state', viewer)).status).toBe(401);
    expect((await get('/wall', { cookie: tv })).status).toBe(303);
    expect(await trySocket(app.url, { cookie: tv })).toEqual({ connected: false, error: 'unauthorized' });
    if (handshake.connected) handshake.socket.close();
    stream.socket.close();
  });

  it('refuses a WebSocket from a page on another site', async () => {
    const cookie = await signIn(app);
    expect(await trySocket(app.url, { cookie, headers: { origin: 'https://evil.example' } })).toMatchObject({ connected: false });
    const same = await trySocket(app.url, { cookie, headers: { origin: app.url } });
    expect(same.connected).toBe(true);
    if (same.connected) same.socket.close();
  });

  // Last in this file: it locks 127.0.0.1 out of signing in for a minute.
  it('answers 429 with Retry-After after 5 failed sign-ins a minute, even for the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/v1/session', { password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await post('/api/v1/session', { password: ADMIN_PASSWORD });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limited.json()).error).toMatch(/too many sign-in attempts; try again in \d+ s/);
    // Other credentials are unaffected.
    expect((await get('/api/v1/state', bearer(API_TOKEN))).status).toBe(200);
  });
});

describe('embedding the wall in another site', () => {
  it('lets only the configured origins frame /wall, served with the token inside a frame, and nothing else', async () => {
    const app = await startApp({ env: { ...PASSWORD_AUTH, RABBITPULSE_PROBES: 'off' }, config: { auth: { frameAncestors: ['https://intranet.example.com'] }, targets: [{ id: 'local' }] } });
    try {
      const { wallPath } = await createViewerToken(app, 'embedded');
      const framed = await fetch(app.url + wallPath, { headers: { 'sec-fetch-dest': 'iframe' }, redirect: 'manual' });
      expect(framed.status).toBe(200);
      expect(framed.headers.get('content-security-policy')).toContain('frame-ancestors https://intranet.example.com');
      expect(framed.headers.get('x-frame-options')).toBeNull();
      expect(framed.headers.getSetCookie()).toEqual([]);
      // A top-level visit still trades the token for a cookie.
      expect((await fetch(app.url + wallPath, { redirect: 'manual' })).status).toBe(303);
      const cookie = await signIn(app);
      const other = await fetch(`${app.url}/alerts`, { headers: { cookie } });
      expect(other.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(other.headers.get('x-frame-options')).toBe('DENY');
    } finally {
      await app.stop();
    }
  });
});

describe('start-up access policy', () => {
  const oneLine = (r: { code: number | null; stderr: string; stdout: string }) => {
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(r.stdout).not.toMatch(/listening/);
    return lines[0]!;
  };

  it('refuses the no-auth mode when bound to a non-loopback address', async () => {
    const line = oneLine(await runAppExpectingExit({ env: { HOST: '0.0.0.0', RABBITPULSE_AUTH: 'none' } }));
    expect(line).toBe(
      'rabbitpulse: configuration error: auth.mode: "none" (no sign-in) is allowed only when bound to 127.0.0.1, ::1 or localhost, but host is "0.0.0.0"; bind HOST=127.0.0.1, or set RABBITPULSE_ADMIN_PASSWORD and drop RABBITPULSE_AUTH=none',
    );
  });

  it('refuses to start with sign-in on and no admin password, saying how to set one', async () => {
    const line = oneLine(await runAppExpectingExit({ env: { RABBITPULSE_AUTH: 'password' } }));
    expect(line).toMatch(/^rabbitpulse: configuration error: auth\.adminPasswordHash: no admin password is set; set RABBITPULSE_ADMIN_PASSWORD/);
  });

  it('refuses a short admin password without printing it', async () => {
    const line = oneLine(await runAppExpectingExit({ env: { RABBITPULSE_AUTH: 'password', RABBITPULSE_ADMIN_PASSWORD: 'hunter2' } }));
    expect(line).toMatch(/RABBITPULSE_ADMIN_PASSWORD: must be at least 8 characters/);
    expect(line).not.toContain('hunter2');
  });

  it('binds to all interfaces with a password', async () => {
    const app = await startApp({ env: { ...PASSWORD_AUTH, HOST: '0.0.0.0', RABBITPULSE_PROBES: 'off' } });
    try {
      await waitFor('a 401 from the API', async () => (await fetch(`${app.url}/api/v1/state`)).status === 401);
      expect(app.output()).not.toContain('no-auth mode');
    } finally {
      await app.stop();
    }
  });
});
