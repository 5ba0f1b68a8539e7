import type { AuthConfig } from '../config/schema';

/** Addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * Whether the access settings make sense together with the bind address,
 * as one line naming the setting and the fix; null when they do. Checked
 * at start-up, before anything listens: a dashboard open to whoever can
 * reach its port must be a deliberate, local choice.
 */
export function accessProblem(auth: AuthConfig, host: string): string | null {
  if (auth.mode === 'none') {
    if (isLoopbackHost(host)) return null;
    return `auth.mode: "none" (no sign-in) is allowed only when bound to 127.0.0.1, ::1 or localhost, but host is "${host}"; bind HOST=127.0.0.1, or set RABBITPULSE_ADMIN_PASSWORD and drop RABBITPULSE_AUTH=none`;
  }
  if (auth.adminPasswordHash === null) {
    return 'auth.adminPasswordHash: no admin password is set; set RABBITPULSE_ADMIN_PASSWORD (at least 8 characters) or auth.adminPasswordHash (made by `npm run hash-password`), or use RABBITPULSE_AUTH=none on 127.0.0.1 for a laptop';
  }
  return null;
}
