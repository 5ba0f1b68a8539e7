import type { IncomingHttpHeaders } from 'node:http';

/** The usual reason a browser's own request looks foreign: a proxy rewrote Host and we were not told. */
const PROXY_HINT = 'behind a reverse proxy, set auth.trustProxy: true and have the proxy send X-Forwarded-Host and X-Forwarded-Proto';

/**
 * rabbitpulse's own origin (scheme, host and port) as the browser addressed
 * it: the Host header, over https when `secure` (see Access.isSecure). A
 * proxy in front rewrites Host and speaks plain http to us, so behind one
 * (`auth.trustProxy`) the first X-Forwarded-Host and X-Forwarded-Proto, as
 * the proxy nearest the browser wrote them, say what the browser used. Null
 * when the request names no host (HTTP/1.0).
 */
export function ownOrigin(headers: IncomingHttpHeaders, opts: { trustProxy: boolean; secure: boolean }): string | null {
  const forwarded = opts.trustProxy ? firstOf(headers['x-forwarded-host']) : undefined;
  const host = forwarded || headers.host;
  if (!host) return null;
  try {
    // Through URL so that `host:80` and `host` are the same origin, as browsers serialise them.
    return new URL(`${opts.secure ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Why a request did not come from rabbitpulse's own pages, or null when it
 * may have. This is the defence against cross-site request forgery that
 * SameSite=Strict cookies leave open: a "site" is only the scheme and the
 * registrable domain, so a page on another port of the same host, or on a
 * sibling subdomain, is same-site, and a plain HTML form there sends our
 * cookies along. The browser says where a request came from in `Origin`
 * and, in every current browser, `Sec-Fetch-Site`; both must agree that it
 * is this origin.
 *
 * A request with neither header passes. Every browser in use sends Origin
 * on a cross-origin POST, PUT or DELETE, and Sec-Fetch-Site on every
 * request (Chromium 76, Firefox 90, Safari 16.4), so a request without
 * either was made by a program (curl, a script, a test) that holds the
 * credential itself, and a forged request is about borrowing a browser's
 * credential. Refusing it would only break such scripts.
 */
export function foreignOriginReason(headers: IncomingHttpHeaders, own: string | null): string | null {
  const origin = headers.origin;
  if (origin !== undefined && (own === null || normalised(origin) !== own)) {
    return `refused: this request came from a page at ${origin}, not from rabbitpulse's own pages at ${own ?? '(no Host header)'} (protection against cross-site request forgery); ${PROXY_HINT}`;
  }
  const site = firstOf(headers['sec-fetch-site']);
  if (site === 'cross-site' || site === 'same-site') {
    return `refused: the browser says this request came from a page on ${site === 'cross-site' ? 'another site' : 'another origin of this site'} (Sec-Fetch-Site: ${site}), not from rabbitpulse's own pages (protection against cross-site request forgery)`;
  }
  return null;
}

/** An Origin header as URL serialises it; "null" (an opaque origin) and garbage match nothing. */
function normalised(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

function firstOf(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim() || undefined;
}
