/**
 * What one delivery attempt came to, decided from the HTTP answer alone (pure,
 * so every branch is unit-tested without a server).
 *
 * - 2xx: delivered.
 * - 429: retry, no sooner than the service's Retry-After.
 * - 408, 5xx, timeouts, network errors: retry with backoff; they pass.
 * - any other 3xx/4xx: failed at once. A wrong URL, a revoked token or a
 *   message the service rejects will not fix itself by asking again.
 */
export type SendOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; error: string; retryAfterMs: number | null }
  | { kind: 'failed'; error: string };

const EXCERPT_CHARS = 200;

export function classifyResponse(status: number, retryAfter: string | null, body: string, now: number): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const error = `HTTP ${status}${excerpt(body)}${hint(status)}`;
  if (status === 429) return { kind: 'retry', error, retryAfterMs: retryAfter === null ? null : parseRetryAfter(retryAfter, now) };
  if (status === 408 || status >= 500) return { kind: 'retry', error, retryAfterMs: null };
  return { kind: 'failed', error };
}

/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Returns milliseconds from `now` (never negative), or null when unreadable.
 */
export function parseRetryAfter(value: string, now: number): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only something shaped like a date: Date.parse would also accept "1.5" or "-3".
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** ": invalid_blocks" — the start of the service's answer on one line, which usually names the problem. */
function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (!line) return '';
  return ': ' + (line.length > EXCERPT_CHARS ? line.slice(0, EXCERPT_CHARS - 1) + '…' : line);
}

function hint(status: number): string {
  if (status >= 300 && status < 400) return ' (the URL redirects; set the notifier URL to the final address)';
  if (status === 401 || status === 403) return ' (the service refused the credentials; check the webhook URL or secret)';
  if (status === 404 || status === 410) return ' (the webhook no longer exists; check the notifier URL)';
  if (status === 400 || status === 422) return ' (the service rejected the message)';
  return '';
}
