import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from '../../auth/access';
import { browserAttached, may, type Principal } from '../../auth/authorize';
import { sendJson } from './json';
import { AUTH_MODE_HEADER, ROLE_HEADER } from '../../shared/page-headers';

export type GateResult = { pass: true; principal: Principal } | { pass: false };

/** Paths anyone may fetch: the sign-in page and what it needs to run, liveness, and the session endpoint itself. */
function isPublic(path: string, dev: boolean): boolean {
  return (
    path === '/login' ||
    path === '/healthz' ||
    path === '/api/v1/session' ||
    path === '/icon.svg' ||
    path === '/favicon.ico' ||
    path.startsWith('/_next/static/') ||
    // Development only: hot reload and error overlays.
    (dev && (path.startsWith('/_next/') || path.startsWith('/__nextjs')))
  );
}

/** Anything but a read changes something (OPTIONS only asks what is allowed). */
function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * Decides, before anything else runs, whether a request may go on: the JSON
 * API answers 401/403 in JSON, pages redirect to the sign-in page, and
 * `/wall?token=` trades a viewer token for a cookie. A write made with a
 * credential the browser attaches by itself must come from rabbitpulse's own
 * pages (server/auth/same-origin.ts says why). What passes carries its
 * role to the pages in a request header only this gate sets.
 */
export function createGate(access: Access, opts: { dev: boolean; frameAncestors: readonly string[] }) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): GateResult => {
    for (const name of [ROLE_HEADER, AUTH_MODE_HEADER]) delete req.headers[name];
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/wall' && url.searchParams.has('token')) return wallWithToken(access, opts, req, res, url);

    const principal = access.principalOf(req);
    const pass = (): GateResult => {
      req.headers[ROLE_HEADER] = principal.role;
      req.headers[AUTH_MODE_HEADER] = access.mode;
      return { pass: true, principal };
    };
    // Before the public paths: signing out is a write too.
    if (isWrite(method) && browserAttached(principal)) {
      const foreign = access.foreignOrigin(req);
      if (foreign) {
        sendJson(res, 403, { error: foreign });
        return { pass: false };
      }
    }
    if (isPublic(path, opts.dev)) return pass();

    if (path.startsWith('/api/')) {
      if (principal.role === 'none') {
        res.setHeader('www-authenticate', 'Bearer realm="rabbitpulse"');
        sendJson(res, 401, { error: 'not signed in: sign in at /login, or send Authorization: Bearer <RABBITPULSE_API_TOKEN or a viewer token>' });
        return { pass: false };
      }
      const readOnly = method === 'GET' || method === 'HEAD';
      if (path.startsWith('/api/v1/viewer-tokens') && !may(principal.role, 'manage-access')) {
        sendJson(res, 403, { error: 'only an admin can see or change viewer tokens' });
        return { pass: false };
      }
      if (!readOnly && !may(principal.role, 'write')) {
        sendJson(res, 403, { error: 'a viewer token is read-only: sign in as admin to change rules, silences or notifiers' });
        return { pass: false };
      }
      return pass();
    }

    if (principal.role === 'none') {
      if (method !== 'GET' && method !== 'HEAD') {
        sendJson(res, 401, { error: 'not signed in' });
        return { pass: false };
      }
      redirect(res, `/login?next=${encodeURIComponent(path + url.search)}`);
      return { pass: false };
    }
    return pass();
  };
}

/**
 * A TV opens `/wall?token=…` once: the token becomes an httpOnly cookie and
 * the browser is sent to `/wall` without it, so the secret does not stay in
 * the address bar, the history or a screenshot. Inside a frame on another
 * site the browser will not send our SameSite cookies, so there (and only
 * where framing is configured) the page is served with the token in place.
 */
function wallWithToken(access: Access, opts: { frameAncestors: readonly string[] }, req: IncomingMessage, res: ServerResponse, url: URL): GateResult {
  const token = url.searchParams.get('token') ?? '';
  const record = access.viewerTokens.verify(token);
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('token');
  const clean = `/wall${rest.size > 0 ? `?${rest.toString()}` : ''}`;
  if (!record) {
    redirect(res, `/login?reason=token&next=${encodeURIComponent(clean)}`);
    return { pass: false };
  }
  if (req.headers['sec-fetch-dest'] === 'iframe' && opts.frameAncestors.length > 0) {
    req.headers[ROLE_HEADER] = 'viewer';
    req.headers[AUTH_MODE_HEADER] = access.mode;
    return { pass: true, principal: { role: 'viewer', via: 'token', tokenId: record.id } };
  }
  const current = access.principalOf(req);
  // An admin opening the link stays admin; anyone else becomes this token's viewer.
  if (current.role !== 'admin' && current.role !== 'api') res.setHeader('set-cookie', access.viewerCookie(token, access.isSecure(req)));
  redirect(res, clean);
  return { pass: false };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' }).end(`See ${location}`);
}
