import type { AuthMode, Role } from '../contract';
import { parseCookies } from './cookies';
import { sameSecret, sha256 } from './tokens';

export const SESSION_COOKIE = 'rabbitpulse_session';
/** Holds the viewer token itself: a wall keeps working across server restarts, and a revoke ends it at once. */
export const VIEWER_COOKIE = 'rabbitpulse_viewer';

/** Who is asking, and through which credential (so a sign-out or revoke can find their streams). */
export type Principal =
  | { role: 'admin'; via: 'no-auth' }
  | { role: 'admin'; via: 'session'; sessionId: string }
  | { role: 'api'; via: 'bearer' }
  | { role: 'viewer'; via: 'cookie' | 'bearer' | 'token'; tokenId: string }
  | { role: 'none' };

/** Everything a request may carry that proves who it is. */
export interface Credentials {
  cookie?: string;
  authorization?: string;
  /** A viewer token from `/wall?token=` or the socket handshake's `auth.token`. */
  token?: string;
}

export interface AuthLookups {
  mode: AuthMode;
  hasSession(id: string): boolean;
  /** The token's id when the secret is a live viewer token. */
  viewerTokenId(secret: string): string | null;
  apiTokenHash: string | null;
}

/**
 * The one decision of who a request is, shared by the JSON API, the pages
 * and the socket.io handshake. The first valid credential wins; an invalid
 * one is simply not a credential (the caller answers 401, never says which
 * part was wrong).
 */
export function authorize(creds: Credentials, lookups: AuthLookups): Principal {
  if (lookups.mode === 'none') return { role: 'admin', via: 'no-auth' };
  const cookies = parseCookies(creds.cookie);
  const sessionId = cookies.get(SESSION_COOKIE);
  if (sessionId && lookups.hasSession(sessionId)) return { role: 'admin', via: 'session', sessionId };
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(creds.authorization ?? '')?.[1];
  if (bearer) {
    if (lookups.apiTokenHash && sameSecret(sha256(bearer), lookups.apiTokenHash)) return { role: 'api', via: 'bearer' };
    const tokenId = lookups.viewerTokenId(bearer);
    if (tokenId) return { role: 'viewer', via: 'bearer', tokenId };
  }
  const viewer = cookies.get(VIEWER_COOKIE);
  const viewerId = viewer ? lookups.viewerTokenId(viewer) : null;
  if (viewerId) return { role: 'viewer', via: 'cookie', tokenId: viewerId };
  const tokenId = creds.token ? lookups.viewerTokenId(creds.token) : null;
  if (tokenId) return { role: 'viewer', via: 'token', tokenId };
  return { role: 'none' };
}

/** What a role may do: read (pages, GET, the stream), write (ack, silence, test), manage access (viewer tokens). */
export type Permission = 'read' | 'write' | 'manage-access';

export function may(role: Role, what: Permission): boolean {
  switch (role) {
    case 'admin':
    case 'api':
      return true;
    case 'viewer':
      return what === 'read';
    case 'none':
      return false;
  }
}

/**
 * Whether the browser presents this credential by itself, on any request to
 * us, whichever page made it: our cookies, or no sign-in at all (the
 * loopback no-auth mode, where being this machine's browser is the
 * credential). A page on another origin can borrow such a credential, so
 * writes made with one must come from rabbitpulse's own pages. A bearer
 * token or `?token=` is sent only by code that holds it.
 */
export function browserAttached(p: Principal): boolean {
  return p.role !== 'none' && (p.via === 'session' || p.via === 'cookie' || p.via === 'no-auth');
}

/** socket.io room of everything opened with one credential, so it can be closed when that credential ends. */
export function roomOf(p: Principal): string | null {
  if (p.role === 'admin' && p.via === 'session') return `session:${sha256(p.sessionId)}`;
  if (p.role === 'viewer') return `viewer:${p.tokenId}`;
  return null;
}
