import { io, type Socket } from 'socket.io-client';
import { refusedByServer } from '../../components/live/stream-refusal';
import type { ViewerTokenCreated } from '../../server/contract';
import type { RunningApp } from './app';

/** Known secrets for apps started with sign-in on. */
export const ADMIN_PASSWORD = 'admin-Pa55word-for-tests-9d1c';
export const API_TOKEN = 'api-token-for-tests-5f0e2b7a41c9';

/** The environment that turns sign-in on (startApp's default is the no-auth mode). */
export const PASSWORD_AUTH = { RABBITPULSE_AUTH: 'password', RABBITPULSE_ADMIN_PASSWORD: ADMIN_PASSWORD, RABBITPULSE_API_TOKEN: API_TOKEN };

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Signs in as admin and returns the Cookie header value to send. */
export async function signIn(app: RunningApp, password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  if (res.status !== 200) throw new Error(`sign-in: HTTP ${res.status} ${await res.text()}`);
  return cookieFrom(res);
}

/** `name=value` of the first Set-Cookie, as a browser would send it back. */
export function cookieFrom(res: Response): string {
  const set = res.headers.getSetCookie()[0];
  if (!set) throw new Error(`no Set-Cookie in the answer to ${res.url}`);
  return set.split(';')[0]!;
}

/** Creates a viewer token with the API token. */
export async function createViewerToken(app: RunningApp, name: string): Promise<ViewerTokenCreated> {
  const res = await fetch(`${app.url}/api/v1/viewer-tokens`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(API_TOKEN) }, body: JSON.stringify({ name }) });
  if (res.status !== 201) throw new Error(`create viewer token: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as ViewerTokenCreated;
}

export type SocketOutcome = { connected: true; socket: Socket } | { connected: false; error: string };

/**
 * Tries one socket.io connection (no retries), with the dashboard's own
 * transports, and reports whether the server took it; a refusal the
 * dashboard would show as "signed out" is reported as 'unauthorized'.
 */
export function trySocket(url: string, opts: { cookie?: string; token?: string; headers?: Record<string, string> } = {}): Promise<SocketOutcome> {
  const socket = io(url, {
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
    ...(opts.token ? { query: { token: opts.token } } : {}),
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.close();
      resolve({ connected: false, error: 'timeout' });
    }, 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ connected: true, socket });
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      resolve({ connected: false, error: refusedByServer(err) ? 'unauthorized' : err.message });
    });
  });
}
