import { headers } from 'next/headers';
import type { Role } from '../../server/contract';
import { AUTH_MODE_HEADER, ROLE_HEADER } from '../../server/shared/page-headers';
import type { SessionInfo } from './SessionProvider';

const ROLES: readonly Role[] = ['admin', 'viewer', 'api', 'none'];

/** What the server's gate decided about this request, plus the nonce for our own inline script (server components only). */
export async function requestSession(): Promise<SessionInfo & { nonce: string | undefined }> {
  const h = await headers();
  const role = h.get(ROLE_HEADER) as Role | null;
  const nonce = /'nonce-([A-Za-z0-9+/_=-]+)'/.exec(h.get('content-security-policy') ?? '')?.[1];
  return {
    role: role && ROLES.includes(role) ? role : 'none',
    authMode: h.get(AUTH_MODE_HEADER) === 'none' ? 'none' : 'password',
    nonce,
  };
}
