'use client';

import { useMemo } from 'react';
import { fmtInt, fmtSeconds, fmtSecondsPlain } from '../format';
import { LEVEL_ICON, type Level } from '../health/level';
import { MAX_EVENTS } from '../../server/stream/apply-delta';
import { useLiveStatus, useLiveView, useNowTick } from '../live/LiveStateProvider';
import type { LiveStatus } from '../live/live-stream';
import { useHasMounted } from '../ui/useHasMounted';
import { Sparkline } from './Sparkline';
import { pageAt, wallModel, type WallAlert, type WallMargin, type WallTile } from './wall-model';
import { inert } from '../../server/shared/inert';

/** Tiles per page; more targets than this page through on a timer. */
const TILES_PER_PAGE = 6;
/** Alerts listed; the rest are counted. Items have a fixed height (wall.css), and this many fit the panel. */
const ALERTS_SHOWN = 4;
/** Deltas arrive every poll (5 s) and with every self-health report; this long without one is worth shouting about. */
const STALE_AFTER_MS = 15_000;

const SEVERITY_LEVEL: Record<WallAlert['severity'], Level> = { warning: 'warn', critical: 'crit' };

/**
 * The wall: read from across a room, for hours, with nobody touching it.
 * Sizes are in units of the 16:9 screen (CSS `--u`), so 1920×1080 and
 * 3840×2160 show the same picture; every text box clips with an ellipsis,
 * so a long connection name can never push anything off screen.
 */
export function WallView({ filter, pageMs }: { filter: string[] | null; pageMs: number }) {
  const view = useLiveView();
  const now = useNowTick();
  const mounted = useHasMounted();
  const model = useMemo(() => (view ? wallModel(view, now, filter, MAX_EVENTS) : null), [view, now, filter]);
  const page = model ? pageAt(model.tiles, TILES_PER_PAGE, now, pageMs) : null;

  return (
    <div className="wall" data-testid="wall">
      <header className="wall-header">
        <span className="wall-brand">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M2 13h4l2.5-6 4 11 3-8 1.5 3H22" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          rabbitpulse
        </span>
        {page && page.pages > 1 ? (
          <span className="wall-page" data-testid="wall-page">
            Targets page {page.page + 1} of {page.pages}
          </span>
        ) : null}
        <span className="wall-clock">{mounted ? new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null}</span>
      </header>
      <StaleNotice />
      {model && page ? (
        <>
          <main className={`wall-main wall-count-${page.items.length}`}>
            <section className="wall-tiles" aria-label="Targets">
              {page.items.map((t) => (
                <Tile key={t.id} tile={t} />
              ))}
              {page.items.length === 0 ? <p className="wall-empty">No targets match ?targets=</p> : null}
            </section>
            <AlertsPanel alerts={model.alerts} now={now} />
          </main>
          <footer className="wall-footer">
            <FleetMargin margin={model.lowestMargin} />
            <div className="wall-fact" data-testid="wall-resets" data-count={model.resetsLastHour}>
              <span className="wall-fact-label">Resets, last hour</span>
              <span className="wall-fact-value">
                {fmtInt(model.resetsLastHour)}
                {model.resetsAtLeast ? '+' : ''}
              </span>
            </div>
            <div className="wall-fact">
              <span className="wall-fact-label">Firing</span>
              <span className="wall-fact-value">
                {countBy(model.alerts, 'critical')} critical · {countBy(model.alerts, 'warning')} warning
              </span>
            </div>
          </footer>
        </>
      ) : (
        <p className="wall-waiting">Waiting for the first data from rabbitpulse…</p>
      )}
    </div>
  );
}

function Tile({ tile }: { tile: WallTile }) {
  return (
    <article className={`wall-tile wall-${tile.level}`} data-testid="wall-tile" data-target={tile.id} data-level={tile.level} aria-label={`${tile.name}: ${tile.word}`}>
      <h2 className="wall-tile-name">{tile.name}</h2>
      <span className="wall-status-word" data-testid="wall-status">
        <span aria-hidden="true">{LEVEL_ICON[tile.level]}</span> {tile.word}
      </span>
      <p className="wall-tile-reason">{tile.reason}</p>
      <dl className="wall-tile-facts">
        <div>
          <dt>Connections</dt>
          <dd>{fmtInt(tile.connections)}</dd>
        </div>
        <div>
          <dt>Unacked</dt>
          <dd>{fmtInt(tile.unacked)}</dd>
        </div>
        <div>
          <dt>Lowest margin</dt>
          <dd className={tile.margin ? `wall-text-${tile.margin.level}` : undefined}>{tile.margin ? fmtSecondsPlain(tile.margin.marginSec) : '—'}</dd>
        </div>
        <div>
          <dt>Resets 1 h</dt>
          <dd>{fmtInt(tile.resetsLastHour)}</dd>
        </div>
      </dl>
      <div className="wall-tile-chart">
        <span className="wall-chart-label">Unacked, last hour</span>
        <Sparkline values={tile.unackedSeries} label={`Unacked on ${tile.name} over the last hour`} />
      </div>
    </article>
  );
}

function AlertsPanel({ alerts, now }: { alerts: WallAlert[]; now: number }) {
  const shown = alerts.slice(0, ALERTS_SHOWN);
  return (
    <section className="wall-alerts" aria-label="Firing alerts" data-testid="wall-alerts">
      <h2 className="wall-alerts-title">Firing alerts</h2>
      {alerts.length === 0 ? (
        <p className="wall-alerts-none">
          <span aria-hidden="true">{LEVEL_ICON.ok}</span> None firing
        </p>
      ) : (
        <ol className="wall-alert-list">
          {shown.map((a) => (
            <li key={a.id} className={`wall-alert wall-${SEVERITY_LEVEL[a.severity]}`} data-testid="wall-alert" data-severity={a.severity}>
              <span className="wall-alert-severity">
                <span aria-hidden="true">{LEVEL_ICON[SEVERITY_LEVEL[a.severity]]}</span> {a.severity === 'critical' ? 'CRITICAL' : 'WARNING'}
                <span className="wall-alert-age">for {fmtSeconds(Math.max(0, Math.round((now - a.firedAt) / 1000)))}</span>
              </span>
              <span className="wall-alert-title">{a.title}</span>
              <span className="wall-alert-object">
                <span className="wall-alert-object-name">{a.object}</span>
                {a.aboutTarget && !a.acknowledged ? null : (
                  <span className="wall-alert-object-target wall-muted">
                    {[a.aboutTarget ? null : `on ${a.targetName}`, a.acknowledged ? 'acknowledged' : null].filter(Boolean).join(' · ')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {alerts.length > shown.length ? <p className="wall-alerts-more">+ {alerts.length - shown.length} more on the alerts page</p> : null}
    </section>
  );
}

function FleetMargin({ margin }: { margin: WallMargin | null }) {
  return (
    <div className="wall-fact wall-fact-wide" data-testid="wall-lowest-margin">
      <span className="wall-fact-label">Lowest heartbeat margin</span>
      {margin ? (
        <span className="wall-fact-value wall-margin">
          <span className={`wall-margin-value wall-text-${margin.level}`}>
            <span aria-hidden="true">{LEVEL_ICON[margin.level]}</span> {fmtSecondsPlain(margin.marginSec)}
            <span className="wall-muted"> of {fmtSecondsPlain(margin.timeoutSec)}</span>
          </span>
          <span className="wall-margin-name">{inert(margin.connection)}</span>
          <span className="wall-margin-target wall-muted">on {margin.targetName}</span>
        </span>
      ) : (
        <span className="wall-fact-value wall-muted">no connection with heartbeats</span>
      )}
    </div>
  );
}

/**
 * The one thing a wall must never do is look live when it is not. Shown
 * over everything, in words and with the age, whenever the stream is down
 * or quiet for longer than a few polls.
 */
function StaleNotice() {
  const { status, dataAgeMs } = useLiveStatus();
  const stale = status !== 'live' || (dataAgeMs !== null && dataAgeMs > STALE_AFTER_MS);
  if (!stale || status === 'connecting') return null;
  const age = dataAgeMs === null ? null : Math.round(dataAgeMs / 1000);
  return (
    <div className={`wall-stale wall-stale-${status}`} role="alert" data-testid="wall-stale" data-status={status} data-age-sec={age ?? ''}>
      <span aria-hidden="true">{LEVEL_ICON.warn}</span>{' '}
      {age === null ? 'No data yet' : `Data ${fmtInt(age)} s old`} — {STALE_WORDS[status]}
    </div>
  );
}

const STALE_WORDS: Record<LiveStatus, string> = {
  connecting: 'connecting…',
  live: 'the stream is quiet',
  reconnecting: 'cannot reach rabbitpulse, retrying…',
  disconnected: 'the stream was closed, retrying…',
  unauthorized: 'this wall link was revoked or is invalid; ask an admin for a new one',
};

function countBy(alerts: readonly WallAlert[], severity: WallAlert['severity']): number {
  return alerts.filter((a) => a.severity === severity).length;
}
