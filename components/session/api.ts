import type { SessionResponse, ViewerTokenCreated, ViewerTokensResponse } from '../../server/contract';
import { request, type ApiResult } from '../alerts/api';

/** Sign-in, sign-out and viewer tokens, through the same JSON helper as the alert actions. */
export function signIn(password: string): Promise<ApiResult<SessionResponse>> {
  return request('POST', '/api/v1/session', { password });
}

export function signOut(): Promise<ApiResult<SessionResponse>> {
  return request('DELETE', '/api/v1/session');
}

export function listViewerTokens(): Promise<ApiResult<ViewerTokensResponse>> {
  return request('GET', '/api/v1/viewer-tokens');
}

export function createViewerToken(name: string): Promise<ApiResult<ViewerTokenCreated>> {
  return request('POST', '/api/v1/viewer-tokens', { name });
}

export function revokeViewerToken(id: string): Promise<ApiResult<{ ok: true }>> {
  return request('DELETE', `/api/v1/viewer-tokens/${encodeURIComponent(id)}`);
}

/**
 * Where to go after signing in: `next` resolved against rabbitpulse's own
 * origin, as the browser will resolve it, when it stays on that origin (and
 * is not the sign-in page again); otherwise `/`. Checking the text instead
 * misses what the URL parser does first: it drops tabs and newlines
 * (`/%09/evil.example`), reads `\` as `/`, and takes `//host` as a host.
 * The absolute URL is returned, so nothing is left to reinterpret.
 */
export function safeNext(next: string | null, origin: string): string {
  if (!next) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin || url.username || url.password || url.pathname.startsWith('/login')) return '/';
  return url.href;
}
