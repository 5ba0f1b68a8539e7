'use client';

import { useState } from 'react';
import { signOut } from './api';
import { useSession } from './SessionProvider';

const ROLE_WORD = { admin: 'Admin', api: 'API', viewer: 'Viewer · read-only', none: 'Not signed in' } as const;

/** Who is signed in, and the way out. Nothing to show when sign-in is off. */
export function SessionControls() {
  const { role, authMode } = useSession();
  const [busy, setBusy] = useState(false);
  if (authMode === 'none') return null;
  return (
    <div className="session-controls" data-testid="session-controls" data-role={role}>
      <span className={role === 'viewer' ? 'tag tag-viewer' : 'tag'} data-testid="session-role">
        {ROLE_WORD[role]}
      </span>
      <button
        type="button"
        className="button button-small button-quiet"
        disabled={busy}
        data-testid="sign-out"
        onClick={async () => {
          setBusy(true);
          await signOut();
          // A full load: every piece of state on this page belonged to the session that just ended.
          window.location.assign('/login');
        }}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
