import type { HttpRequest } from '../types';
import { classifyResponse, type SendOutcome } from './classify';

export interface SendOptions {
  timeoutMs: number;
  now: () => number;
}

/**
 * POSTs one rendered request and classifies the result; never throws.
 *
 * Error texts end up in the UI, and webhook URLs carry credentials in their
 * path, so every message is built from status codes and error codes, and
 * anything taken from a library error is stripped of the URL.
 */
export async function sendRequest(request: HttpRequest, opts: SendOptions): Promise<SendOutcome> {
  const refused = unsendable(request);
  if (refused) return { kind: 'failed', error: refused };
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // A redirected POST may turn into a GET and drop the body: report it instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    return networkFailure(err, request.url, opts.timeoutMs);
  }
  const body = await readBody(response, response.ok);
  return classifyResponse(response.status, response.headers.get('retry-after'), redact(body, request.url), opts.now());
}

/** The body of an error answer, for its excerpt; a successful one is only drained so the socket can be reused. */
async function readBody(response: Response, ok: boolean): Promise<string> {
  try {
    if (ok) {
      await response.body?.cancel();
      return '';
    }
    return await response.text();
  } catch {
    return ''; // the status already says enough
  }
}

/**
 * Why fetch would refuse this request before sending anything, or null.
 * Such a request fails the same way on every retry, so it fails at once: a
 * header value HTTP cannot carry (once, an object name in Idempotency-Key
 * kept a notification retrying for the whole six hours) or a broken URL.
 * The messages name the header, never its value or the URL: both may hold
 * secrets, and errors are shown in the UI.
 */
function unsendable(request: HttpRequest): string | null {
  try {
    new URL(request.url);
  } catch {
    return 'the notifier URL is not a valid URL; fix it in the configuration';
  }
  for (const [name, value] of Object.entries(request.headers)) {
    try {
      new Headers([[name, value]]);
    } catch {
      return `the ${name} header holds characters HTTP headers cannot carry; this is a rabbitpulse bug, please report it`;
    }
  }
  return null;
}

function networkFailure(err: unknown, url: string, timeoutMs: number): SendOutcome {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return { kind: 'retry', error: `no answer within ${timeoutMs} ms`, retryAfterMs: null };
  }
  // Failures on the way ("fetch failed") carry their cause; a TypeError without
  // one is fetch refusing the request itself, which no retry can change.
  if (e instanceof TypeError && e.cause === undefined) {
    return { kind: 'failed', error: `the request could not be sent: ${redact(e.message, url)}` };
  }
  const code = e.cause?.code;
  const detail = code ?? e.cause?.message ?? e.message;
  return { kind: 'retry', error: `network error: ${redact(detail, url)}`, retryAfterMs: null };
}

/** Replaces the URL, and its path alone, with the host: what remains is safe to show. */
export function redact(text: string, url: string): string {
  let host = '(notifier URL)';
  let path = '';
  try {
    const u = new URL(url);
    host = u.host;
    path = u.pathname.length > 1 ? u.pathname + u.search : '';
  } catch {
    // unparsable: hide the whole string below
  }
  let out = text.split(url).join(host);
  if (path) out = out.split(path).join('/…');
  return out;
}
