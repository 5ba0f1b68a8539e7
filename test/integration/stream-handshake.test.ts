import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { API_TOKEN, bearer, createViewerToken, PASSWORD_AUTH, signIn } from '../support/auth';

/**
 * The live stream's engine.io handshake, in raw HTTP against the real
 * server: without credentials there must be no engine.io session at all
 * (no `sid`), neither over long-polling nor as a WebSocket. socket.io's own
 * check runs only after that session exists.
 */
const HANDSHAKE = '/socket.io/?EIO=4&transport=polling';

/** engine.io's open packet: `0{"sid":…}`. */
const sidOf = (body: string): string | null => (body.startsWith('0{') ? ((JSON.parse(body.slice(1)) as { sid?: string }).sid ?? null) : null);

/** A WebSocket upgrade by hand: the status line the server answers with, and the body of a refusal. */
function upgrade(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the socket.io handshake with sign-in on', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ env: { ...PASSWORD_AUTH, RABBITPULSE_PROBES: 'off' }, config: { targets: [{ id: 'local' }] } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const poll = async (query = '', headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}${HANDSHAKE}${query}`, { headers });
    const body = await res.text();
    return { status: res.status, body, sid: sidOf(body) };
  };

  it('answers 403 and issues no session id without credentials, over long-polling and as a WebSocket', async () => {
    const refused = await poll();
    expect(refused.status).toBe(403);
    expect(refused.sid).toBeNull();
    expect(JSON.parse(refused.body)).toEqual({ code: 4, message: 'unauthorized' });
    expect(refused.body).not.toContain('sid');
    for (const token of ['rpv_not-a-token', API_TOKEN]) expect((await poll(`&token=${token}`)).status, token).toBe(403);

    const ws = await upgrade(app.url, '/socket.io/?EIO=4&transport=websocket');
    expect(ws.status).not.toBe(101);
    expect(ws.status).toBe(400); // engine.io answers every refused upgrade with 400, carrying our reason
    expect(ws.body).toBe('unauthorized');
  });

  it('opens a session for the session cookie, the API token, and a viewer token as bearer, cookie or ?token=', async () => {
    const cookie = await signIn(app);
    const viewer = await createViewerToken(app, 'handshake');
    const tv = `rabbitpulse_viewer=${encodeURIComponent(viewer.secret)}`;
    for (const [name, query, headers] of [
      ['session cookie', '', { cookie }],
      ['API token', '', bearer(API_TOKEN)],
      ['viewer bearer', '', bearer(viewer.secret)],
      ['viewer cookie', '', { cookie: tv }],
      ['viewer ?token=', `&token=${encodeURIComponent(viewer.secret)}`, {}],
    ] as const) {
      const opened = await poll(query, headers);
      expect(opened.status, name).toBe(200);
      expect(opened.sid, name).toMatch(/^[\w-]{20}$/);
    }
    const ws = await upgrade(app.url, '/socket.io/?EIO=4&transport=websocket', { cookie });
    expect(ws.status).toBe(101);
  });

  it('refuses a page on another origin even with a valid cookie', async () => {
    const cookie = await signIn(app);
    const foreign = await poll('', { cookie, origin: 'http://127.0.0.1:1' });
    expect(foreign.status).toBe(403);
    expect(foreign.sid).toBeNull();
    expect(JSON.parse(foreign.body).message).toMatch(/came from a page at http:\/\/127\.0\.0\.1:1/);
    const ws = await upgrade(app.url, '/socket.io/?EIO=4&transport=websocket', { cookie, origin: 'https://evil.example' });
    expect(ws.status).toBe(400);
    expect((await poll('', { cookie, origin: app.url })).status).toBe(200);
  });

  it('still refuses the connect when the session ended after the long-polling handshake', async () => {
    const cookie = await signIn(app);
    const { sid } = await poll('', { cookie });
    expect(sid).not.toBeNull();
    expect((await fetch(`${app.url}/api/v1/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(200);
    // socket.io's CONNECT packet for the main namespace, then the answer to it.
    const at = `${app.url}${HANDSHAKE}&sid=${sid}`;
    expect(await (await fetch(at, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: '40' })).text()).toBe('ok');
    const answer = await (await fetch(at, { headers: { cookie } })).text();
    expect(answer).toMatch(/^44\{"message":"unauthorized"/);
  });
});

describe('the socket.io handshake without sign-in (loopback mode)', () => {
  it('opens a session for anyone', async () => {
    const app = await startApp({ env: { RABBITPULSE_PROBES: 'off' }, config: { targets: [{ id: 'local' }] } });
    try {
      const res = await fetch(app.url + HANDSHAKE);
      expect(res.status).toBe(200);
      expect(sidOf(await res.text())).toMatch(/^[\w-]{20}$/);
    } finally {
      await app.stop();
    }
  });
});
