'use client';

import { useSession } from './SessionProvider';

/** No-auth mode is for a laptop; the page must never let anyone forget it is on. */
export function NoAuthBanner() {
  const { authMode } = useSession();
  if (authMode !== 'none') return null;
  return (
    <div className="stream-banner stream-banner-warn" role="note" data-testid="no-auth-banner">
      <span aria-hidden="true">▲</span>
      <span>
        <strong>No-auth mode:</strong> anyone who can reach this port can use the dashboard. Set <code>RABBITPULSE_ADMIN_PASSWORD</code> to require
        sign-in.
      </span>
    </div>
  );
}
