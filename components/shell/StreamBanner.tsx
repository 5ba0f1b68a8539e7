'use client';

import { fmtMs } from '../format';
import { useLiveApi, useLiveStatus } from '../live/LiveStateProvider';

/**
 * A full-width warning whenever the numbers on screen are not live, saying
 * how old they are — stale data that looks live is worse than no data.
 */
export function StreamBanner() {
  const { status, dataAgeMs, lastMessageAt } = useLiveStatus();
  const api = useLiveApi();
  const age = dataAgeMs === null ? null : fmtMs(Math.round(dataAgeMs / 1000) * 1000);

  if (status === 'reconnecting') {
    return (
      <div className="stream-banner stream-banner-warn" role="alert" data-testid="stream-banner">
        <span aria-hidden="true">▲</span>
        {lastMessageAt === null ? (
          <span>Cannot reach the rabbitpulse server — retrying…</span>
        ) : (
          <span>
            Live stream lost — reconnecting… data is <strong>{age}</strong> old.
          </span>
        )}
      </div>
    );
  }
  if (status === 'unauthorized') {
    return (
      <div className="stream-banner stream-banner-crit" role="alert" data-testid="stream-banner" data-reason="unauthorized">
        <span aria-hidden="true">◆</span>
        <span>
          The server no longer accepts this session (signed out, expired, the server restarted, or the viewer token was revoked)
          {age ? <> — data is <strong>{age}</strong> old</> : null}.
        </span>
        <a className="button" href={`/login?next=${encodeURIComponent(currentPath())}`}>
          Sign in again
        </a>
      </div>
    );
  }
  if (status === 'disconnected') {
    return (
      <div className="stream-banner stream-banner-crit" role="alert" data-testid="stream-banner">
        <span aria-hidden="true">◆</span>
        <span>
          Live stream closed by the server{age ? <> — data is <strong>{age}</strong> old</> : null}.
        </span>
        <button type="button" className="button" onClick={api.reconnect}>
          Reconnect
        </button>
      </div>
    );
  }
  return null;
}

function currentPath(): string {
  return typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
}
