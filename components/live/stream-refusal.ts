/**
 * Whether a socket.io `connect_error` means the server refused this
 * credential (signed out, session expired or lost in a restart, viewer token
 * revoked), so retrying is pointless, rather than that it could not be
 * reached.
 *
 * The server refuses in two places. engine.io's handshake answers 403
 * before any session exists; a browser hides a failed WebSocket's status,
 * but the long-polling transport tried after it (`tryAllTransports`) reports
 * it as the error's `description`. socket.io's middleware says
 * "unauthorized" when the credential ended between a long-polling handshake
 * and the connect.
 */
export function refusedByServer(err: Error): boolean {
  return err.message === 'unauthorized' || (err as Error & { description?: unknown }).description === 403;
}
