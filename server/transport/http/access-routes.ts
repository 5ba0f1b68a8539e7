import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from '../../auth/access';
import type { Principal } from '../../auth/authorize';
import { ViewerTokenError } from '../../auth/viewer-tokens';
import type { SessionResponse, ViewerTokenCreated, ViewerTokensResponse } from '../../contract';
import { BadRequest, badRequest, notFound, readJson, sendJson } from './json';

/**
 * Sign-in, sign-out and viewer tokens. The gate has already checked that
 * viewer-token routes come from an admin (or the API token); the session
 * routes are open to all. Returns false for paths it does not own.
 */
export async function handleAccessRoutes(access: Access, principal: Principal, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  try {
    if (path === '/api/v1/session') return await sessionRoute(access, principal, req, res, method);
    if (path === '/api/v1/viewer-tokens') {
      if (method === 'GET') return sendJson(res, 200, { tokens: access.viewerTokens.list() } satisfies ViewerTokensResponse);
      if (method === 'POST') {
        const name = (await readJson(req)).name;
        if (typeof name !== 'string') throw new BadRequest('name the token: { "name": "Team TV, 3rd floor" }');
        const { info, secret } = await access.viewerTokens.create(name);
        const body: ViewerTokenCreated = { token: info, secret, wallPath: `/wall?token=${encodeURIComponent(secret)}` };
        return sendJson(res, 201, body);
      }
      return notAllowed(res, 'GET, POST', method, path);
    }
    const one = /^\/api\/v1\/viewer-tokens\/([^/]+)$/.exec(path);
    if (one) {
      if (method !== 'DELETE') return notAllowed(res, 'DELETE', method, path);
      return (await access.revokeViewerToken(decodeURIComponent(one[1]!))) ? sendJson(res, 200, { ok: true }) : notFound(res, 'no viewer token with that id');
    }
  } catch (err) {
    if (err instanceof BadRequest || err instanceof ViewerTokenError) return badRequest(res, err.message);
    throw err;
  }
  return false;
}

async function sessionRoute(access: Access, principal: Principal, req: IncomingMessage, res: ServerResponse, method: string): Promise<true> {
  const secure = access.isSecure(req);
  if (method === 'GET' || method === 'HEAD') return sendJson(res, 200, { role: principal.role, authMode: access.mode } satisfies SessionResponse);
  if (method === 'DELETE') {
    res.setHeader('set-cookie', access.signOut(principal, secure));
    return sendJson(res, 200, { role: access.mode === 'none' ? 'admin' : 'none', authMode: access.mode } satisfies SessionResponse);
  }
  if (method !== 'POST') return notAllowed(res, 'GET, POST, DELETE', method, '/api/v1/session');
  const password = (await readJson(req)).password;
  if (typeof password !== 'string' || password.length === 0 || password.length > 1024) throw new BadRequest('send { "password": "…" }');
  if (access.mode === 'none') return sendJson(res, 200, { role: 'admin', authMode: 'none' } satisfies SessionResponse);
  const result = await access.signIn(password, access.clientAddress(req), secure);
  if (result.ok) {
    res.setHeader('set-cookie', result.cookie);
    return sendJson(res, 200, { role: 'admin', authMode: access.mode } satisfies SessionResponse);
  }
  if (result.status === 429) res.setHeader('retry-after', String(result.retryAfterSec));
  return sendJson(res, result.status, { error: result.error });
}

function notAllowed(res: ServerResponse, allow: string, method: string, path: string): true {
  res.setHeader('allow', allow);
  return sendJson(res, 405, { error: `${method} is not allowed on ${path}` });
}
