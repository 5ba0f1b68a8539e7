'use client';

import { fmtMs } from '../format';
import type { Level } from '../health/level';
import { LEVEL_ICON } from '../health/level';
import { useLiveStatus } from '../live/LiveStateProvider';
import type { LiveStatus } from '../live/live-stream';

const WORDS: Record<LiveStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  disconnected: 'Disconnected',
  unauthorized: 'Signed out',
};

/** Polls come every ~5 s; a live stream quiet for much longer than that is suspicious. */
const QUIET_AFTER_MS = 30_000;

export function LiveStatusPill() {
  const { status, dataAgeMs } = useLiveStatus();
  const quiet = status === 'live' && dataAgeMs !== null && dataAgeMs > QUIET_AFTER_MS;
  const level: Level = status === 'live' ? (quiet ? 'warn' : 'ok') : status === 'connecting' ? 'neutral' : status === 'reconnecting' ? 'warn' : 'crit';
  const age = dataAgeMs === null ? null : dataAgeMs < 1500 ? 'just now' : `${fmtMs(Math.round(dataAgeMs / 1000) * 1000)} ago`;
  return (
    <div
      className={`pill pill-${level}${status === 'live' && !quiet ? ' pill-live' : ''}`}
      role="status"
      title={age ? `Last update from the rabbitpulse server ${age}` : 'Waiting for the first update from the rabbitpulse server'}
      data-testid="live-status"
      data-status={status}
    >
      <span className="pill-icon" aria-hidden="true">
        {status === 'live' && !quiet ? '●' : LEVEL_ICON[level]}
      </span>
      <span className="pill-word">{WORDS[status]}</span>
      {age ? <span className="pill-age">{age}</span> : null}
    </div>
  );
}
