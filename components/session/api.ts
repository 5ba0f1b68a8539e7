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

/** Where to go after signing in: a path on this site only, never `//other.example` or a full URL. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}
