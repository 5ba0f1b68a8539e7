import type { IncomingMessage } from 'node:http';
import type { Access } from '../auth/access';
import type { Principal } from '../auth/authorize';

/** What a refused stream is told, in engine.io's 403 body and in socket.io's connect error alike. */
export const STREAM_UNAUTHORIZED = 'unauthorized';

/**
 * Who opens a live stream: the session or viewer cookie, `Authorization:
 * Bearer` (the API token or a viewer token), or a viewer token as `?token=`
 * on the socket.io URL. The last is for a wall framed by another site, which
 * gets none of our SameSite cookies and cannot set headers on a WebSocket;
 * it has to be in the URL because engine.io's handshake, where the check
 * belongs, sees nothing else the client sends.
 */
export function streamPrincipal(access: Access, req: IncomingMessage): Principal {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
  return access.principalOf(req, token);
}

type AllowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void;

/**
 * engine.io's `allowRequest`: it runs on every new engine.io session (a
 * long-polling handshake or a direct WebSocket) before a session id exists,
 * so a caller without credentials gets 403 (400 for a WebSocket, engine.io's
 * choice) and never a session. socket.io's own middleware runs only later,
 * after a session exists, which is why checking there alone was too late.
 *
 * Pages on other origins are refused whatever they carry (cross-site
 * WebSocket hijacking: a browser sends our cookies along and a WebSocket is
 * not bound by CORS); scripts send no Origin and pass to the credential check.
 */
export function allowStream(access: Access): AllowRequest {
  return (req, callback) => {
    const foreign = access.foreignOrigin(req);
    if (foreign) return callback(foreign, false);
    if (streamPrincipal(access, req).role === 'none') return callback(STREAM_UNAUTHORIZED, false);
    callback(null, true);
  };
}
