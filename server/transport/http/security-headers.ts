import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SecurityHeaderOptions {
  /** Next in development evaluates code (React Refresh): 'unsafe-eval' there, never in production. */
  dev: boolean;
  /** Origins allowed to frame /wall; empty = no page may be framed. */
  frameAncestors: readonly string[];
}

/** The only page that may be framed, and only by the configured origins. */
export const EMBEDDABLE_PATH = '/wall';

/**
 * Content-Security-Policy for pages. Scripts run only from this origin or
 * with this response's nonce: Next finds the nonce in the request's own
 * content-security-policy header (set below) and puts it on every script it
 * writes, so an injected `<script>` or `onerror=` cannot run even if some
 * text ever escaped React's escaping. Inline styles stay allowed: charts
 * position with style attributes, and styles cannot run code.
 */
export function contentSecurityPolicy(nonce: string, path: string, opts: SecurityHeaderOptions): string {
  const embeddable = path === EMBEDDABLE_PATH && opts.frameAncestors.length > 0;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${embeddable ? opts.frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** JSON answers contain no markup to run: nothing may load from them and they may not be framed. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Sets the security headers on every response, before anything else writes
 * to it. For pages it also hands the nonce to Next through the request.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, path: string, opts: SecurityHeaderOptions): void {
  const isApi = path === '/healthz' || path.startsWith('/api/');
  if (isApi) {
    res.setHeader('content-security-policy', API_POLICY);
  } else {
    const policy = contentSecurityPolicy(randomBytes(16).toString('base64'), path, opts);
    res.setHeader('content-security-policy', policy);
    req.headers['content-security-policy'] = policy;
  }
  if (!(path === EMBEDDABLE_PATH && opts.frameAncestors.length > 0)) res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  // Keeps a `/wall?token=` URL, or any page address, out of other sites' logs.
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}
