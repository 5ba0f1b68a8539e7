'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { SessionResponse } from '../../server/contract';
import { request } from '../alerts/api';
import { safeNext, signIn } from './api';

/**
 * Admin sign-in. The session cookie is httpOnly, so the page never sees it:
 * on success it simply goes where the user was headed.
 */
export function LoginForm() {
  const params = useSearchParams();
  // Read when used, never while rendering on the server, which has no `location`.
  const rawNext = params.get('next');
  const next = () => safeNext(rawNext, window.location.origin);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Arriving from a link on another site, the browser withholds our SameSite
  // cookies once; asking from this page tells whether a session already exists.
  useEffect(() => {
    void request<SessionResponse>('GET', '/api/v1/session').then((r) => {
      if (r.ok && r.value.role !== 'none') window.location.replace(next());
    });
  }, [rawNext]);

  const notice = params.get('reason') === 'token' ? 'That wall link is not valid (wrong, or revoked). Ask an admin for a new one, or sign in.' : null;

  return (
    <form
      className="login-card"
      data-testid="login-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const result = await signIn(password);
        if (result.ok) {
          window.location.assign(next());
          return;
        }
        setBusy(false);
        setPassword('');
        setError(
          result.status === 401
            ? 'Wrong password. Try again.'
            : result.status === 429
              ? `Too many sign-in attempts from this address. Wait ${result.retryAfterSec ?? 60} s, then try again.`
              : result.error,
        );
      }}
    >
      <div className="login-brand">
        <svg className="brand-mark" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <path d="M2 13h4l2.5-6 4 11 3-8 1.5 3H22" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <h1>rabbitpulse</h1>
      </div>
      {notice ? (
        <p className="login-notice" role="status" data-testid="login-notice">
          {notice}
        </p>
      ) : null}
      <label className="field">
        <span className="field-label">Admin password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          autoFocus
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
          aria-invalid={error !== null}
          aria-describedby={error ? 'login-error' : undefined}
        />
      </label>
      {error ? (
        <p className="action-error" id="login-error" role="alert" data-testid="login-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary login-submit" disabled={busy || password.length === 0} data-testid="login-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted small">A TV or a colleague without the password can use a viewer link; an admin makes one under Access.</p>
    </form>
  );
}
