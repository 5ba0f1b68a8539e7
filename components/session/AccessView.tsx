'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ViewerTokenCreated, ViewerTokenInfo } from '../../server/contract';
import { useAction } from '../alerts/useAction';
import { fmtDateTime } from '../format';
import { Ago } from '../ui/Ago';
import { EmptyState } from '../ui/EmptyState';
import { createViewerToken, listViewerTokens, revokeViewerToken } from './api';
import { useCanWrite, useSession } from './SessionProvider';

/**
 * Viewer tokens: read-only links for a TV or a colleague. A token is shown
 * once, right after it is made; the server keeps only its hash, so a lost
 * token is revoked and replaced, never looked up.
 */
export function AccessView() {
  const admin = useCanWrite();
  const { authMode } = useSession();
  const [tokens, setTokens] = useState<ViewerTokenInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<ViewerTokenCreated | null>(null);

  const reload = useCallback(async () => {
    const r = await listViewerTokens();
    if (r.ok) {
      setTokens(r.value.tokens);
      setLoadError(null);
    } else setLoadError(r.error);
  }, []);
  useEffect(() => {
    if (admin) void reload();
  }, [admin, reload]);

  if (!admin) {
    return (
      <EmptyState title="Only an admin can manage access">
        <p>You are using a read-only viewer link. Everything else on the dashboard is yours to look at.</p>
      </EmptyState>
    );
  }
  return (
    <div className="access-page">
      <div className="page-head">
        <h1 className="page-title">Access</h1>
        <span className="page-sub">
          Viewer links open the wall and the read-only dashboard without the admin password.
          {authMode === 'none' ? ' Sign-in is off (no-auth mode), so they are only needed once a password is set.' : ''}
        </span>
        <a href="/wall" className="page-sub">
          Open the wall here
        </a>
      </div>
      <div className="access-grid">
        <section className="card" aria-labelledby="new-token-title">
          <h2 className="card-title" id="new-token-title">
            New viewer link
          </h2>
          <CreateToken
            onCreated={(c) => {
              setCreated(c);
              void reload();
            }}
          />
          {created ? <CreatedToken created={created} onDismiss={() => setCreated(null)} /> : null}
        </section>
        <section className="card" aria-labelledby="tokens-title">
          <h2 className="card-title" id="tokens-title">
            Viewer links
          </h2>
          {loadError ? (
            <p className="action-error" role="alert">
              Could not list them: {loadError}
            </p>
          ) : tokens === null ? (
            <p className="muted">Loading…</p>
          ) : tokens.length === 0 ? (
            <p className="muted" data-testid="no-viewer-tokens">
              None yet.
            </p>
          ) : (
            <ul className="side-list" data-testid="viewer-tokens">
              {tokens.map((t) => (
                <TokenRow key={t.id} token={t} onRevoked={() => void reload()} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function CreateToken({ onCreated }: { onCreated: (c: ViewerTokenCreated) => void }) {
  const [name, setName] = useState('');
  const create = useAction(createViewerToken);
  return (
    <form
      className="token-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await create.run(name);
        if (r.ok) {
          setName('');
          onCreated(r.value);
        }
      }}
    >
      <label className="field field-grow">
        <span className="field-label">Name</span>
        <input type="text" value={name} maxLength={100} required placeholder="e.g. Team TV, 3rd floor" onChange={(e) => setName(e.target.value)} data-testid="token-name" />
      </label>
      <button type="submit" className="button button-primary" disabled={create.busy || name.trim() === ''} data-testid="token-create">
        {create.busy ? 'Creating…' : 'Create link'}
      </button>
      {create.error ? (
        <p className="action-error" role="alert">
          Could not create it: {create.error}
        </p>
      ) : null}
    </form>
  );
}

function CreatedToken({ created, onDismiss }: { created: ViewerTokenCreated; onDismiss: () => void }) {
  const url = typeof window === 'undefined' ? created.wallPath : new URL(created.wallPath, window.location.origin).toString();
  const [copied, setCopied] = useState(false);
  return (
    <div className="token-created" role="status" data-testid="token-created">
      <p>
        <strong>Copy this link now</strong> — it is shown only once. Open it on the TV: it signs the TV in and goes to the wall.
      </p>
      <code className="token-url" data-testid="token-url">
        {url}
      </code>
      <div className="token-created-buttons">
        <button
          type="button"
          className="button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          Done
        </button>
      </div>
      <p className="muted small">
        Scripts can use the token alone as <code>Authorization: Bearer …</code> for read-only API calls.
      </p>
    </div>
  );
}

function TokenRow({ token, onRevoked }: { token: ViewerTokenInfo; onRevoked: () => void }) {
  const revoke = useAction(revokeViewerToken);
  return (
    <li className="side-item" data-testid="viewer-token-row" data-token-id={token.id}>
      <div className="side-item-main">
        <span className="strong">{token.name}</span>
        <p className="small muted">
          <span title={fmtDateTime(token.createdAt)}>
            created <Ago at={token.createdAt} />
          </span>
          {' · '}
          {token.lastUsedAt === null ? (
            'never used'
          ) : (
            <span title={fmtDateTime(token.lastUsedAt)}>
              last used <Ago at={token.lastUsedAt} />
            </span>
          )}
        </p>
        {revoke.error ? (
          <p className="action-error" role="alert">
            Could not revoke: {revoke.error}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="button button-small"
        disabled={revoke.busy}
        data-testid="token-revoke"
        onClick={async () => {
          if ((await revoke.run(token.id)).ok) onRevoked();
        }}
      >
        {revoke.busy ? 'Revoking…' : 'Revoke'}
      </button>
    </li>
  );
}
