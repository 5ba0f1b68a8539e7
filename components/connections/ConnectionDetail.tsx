'use client';

import Link from 'next/link';
import type { ConnectionHealth, ConnectionSample, ConnectionTraffic, TargetState } from '../../server/contract';
import { TimeSeriesChart, type SeriesDef } from '../charts/TimeSeriesChart';
import { fmtByteRate, fmtBytes, fmtInt, fmtSecondsPlain } from '../format';
import { connectionStateLevel } from '../health/connection-state';
import type { Level } from '../health/level';
import { heartbeatView } from '../health/heartbeat';
import { warnSilenceSec } from '../../server/shared/heartbeat-risk';
import { heartbeatReferences } from '../charts/heartbeat-references';
import { paramCandidates, probeHref, timelineHref } from '../links';
import type { LiveView } from '../../server/stream/apply-delta';
import { RequireView } from '../live/RequireView';
import { useConnectionTraffic } from '../live/useConnectionTraffic';
import { useConnectionSeries, type LiveSeries } from '../live/useLiveSeries';
import { EventCard } from '../timeline/EventCard';
import { Ago } from '../ui/Ago';
import { EmptyState } from '../ui/EmptyState';
import { Fact } from '../ui/Fact';
import { LevelBadge } from '../ui/LevelBadge';
import { OwnTag } from '../ui/OwnTag';
import { Stat } from '../ui/Stat';
import { Truncate } from '../ui/Truncate';
import { ChannelTable, ConsumerTable } from './ChannelTables';
import { KnownDefectsCallout } from './KnownDefects';
import { SilenceMeter } from './SilenceMeter';

export function ConnectionDetailView({ targetParam, idParam }: { targetParam: string; idParam: string }) {
  return <RequireView>{(view) => <Resolve view={view} targetParam={targetParam} idParam={idParam} />}</RequireView>;
}

function Resolve({ view, targetParam, idParam }: { view: LiveView; targetParam: string; idParam: string }) {
  const targetIds = paramCandidates(targetParam);
  const target = view.targets.find((t) => targetIds.includes(t.id));
  if (!target) {
    return (
      <EmptyState title="Unknown target">
        <p>
          No polled broker is called <span className="mono">{targetIds[targetIds.length - 1]}</span>. <Link href="/connections">See all connections</Link>.
        </p>
      </EmptyState>
    );
  }
  const ids = paramCandidates(idParam);
  const connection = target.connections.find((c) => ids.includes(c.id)) ?? null;
  const connectionId = connection?.id ?? ids[ids.length - 1]!;
  return <Detail view={view} target={target} connection={connection} connectionId={connectionId} />;
}

function Detail({
  view,
  target,
  connection,
  connectionId,
}: {
  view: LiveView;
  target: TargetState;
  connection: ConnectionHealth | null;
  connectionId: string;
}) {
  const series = useConnectionSeries(target.id, connection, connectionId);
  const traffic = useConnectionTraffic(target.id, connectionId);
  const closed = connection ? null : view.events.find((e) => e.targetId === target.id && e.kind === 'connection.closed' && e.lastKnown?.id === connectionId) ?? null;
  // The broker can close a channel and leave the connection open: nothing else on this page would show it.
  const channelCloses = view.events.filter((e) => e.targetId === target.id && e.kind === 'channel.closed' && e.lastKnown?.id === connectionId);
  const timeoutSec = connection?.heartbeatTimeoutSec ?? closed?.lastKnown?.heartbeatTimeoutSec ?? null;

  return (
    <div className="detail" data-testid="connection-detail">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/connections">Connections</Link>
        <span aria-hidden="true"> / </span>
        <span>{target.displayName}</span>
      </nav>

      {connection ? (
        <ConnectionHeader connection={connection} targetId={target.id} traffic={traffic} />
      ) : (
        <Vanished target={target} connectionId={connectionId} name={closed?.lastKnown?.name ?? closed?.connection ?? null} />
      )}
      {closed ? <EventCard event={closed} targetName={target.displayName} /> : null}
      {channelCloses.length > 0 ? (
        <section className="card" data-testid="channel-closes">
          <h2 className="section-title">Channels closed by the broker ({fmtInt(channelCloses.length)})</h2>
          {channelCloses.map((e) => (
            <EventCard key={e.id} event={e} targetName={target.displayName} />
          ))}
        </section>
      ) : null}

      {/* A vanished connection keeps whatever history the server still has; with none, empty charts would only promise points that never come. */}
      {connection || series.samples.length > 1 ? <ConnectionCharts series={series} timeoutSec={timeoutSec} /> : null}

      {connection ? (
        <>
          <section className="card">
            <h2 className="section-title">Channels ({fmtInt(connection.channels.length)})</h2>
            <ChannelTable channels={connection.channels} traffic={traffic} brokerVersion={target.overview?.rabbitmqVersion ?? null} own={connection.own} />
          </section>
          <section className="card">
            <h2 className="section-title">Consumers ({fmtInt(connection.channels.reduce((n, ch) => n + ch.consumers.length, 0))})</h2>
            <ConsumerTable targetId={target.id} channels={connection.channels} own={connection.own} />
          </section>
        </>
      ) : null}
    </div>
  );
}

function ConnectionCharts({ series, timeoutSec }: { series: LiveSeries<ConnectionSample>; timeoutSec: number | null }) {
  const emptyText = seriesEmptyText(series.status, series.error);
  const references = heartbeatReferences(timeoutSec);
  return (
    <div className="chart-grid">
      <section className="card">
        <h2 className="section-title">Silence vs heartbeat timeout</h2>
        <TimeSeriesChart
          data={series.samples}
          series={SILENCE_SERIES}
          references={references}
          height={200}
          label="Seconds of inbound silence against the heartbeat timeout over the last hour"
          emptyText={emptyText}
          leftTickFormat={(v) => `${v} s`}
        />
      </section>
      <section className="card">
        <h2 className="section-title">Unacked messages</h2>
        <TimeSeriesChart
          data={series.samples}
          series={UNACKED_SERIES}
          height={200}
          label="Unacknowledged messages held by this connection over the last hour"
          emptyText={emptyText}
        />
      </section>
    </div>
  );
}

/** Margin is the gap between the silence line and the timeout line; the tooltip gives it as a number. */
const SILENCE_SERIES: SeriesDef<ConnectionSample>[] = [
  { key: 'silenceSec', label: 'Silence', color: 'var(--chart-3)', format: fmtSecondsPlain },
  { key: 'heartbeatMarginSec', label: 'Margin', color: 'var(--chart-2)', format: fmtSecondsPlain, tooltipOnly: true },
];

const UNACKED_SERIES: SeriesDef<ConnectionSample>[] = [{ key: 'unacked', label: 'Unacked', color: 'var(--chart-1)', format: fmtInt }];

function seriesEmptyText(status: 'loading' | 'ready' | 'error', error: string | null): string {
  if (status === 'loading') return 'Loading the last hour…';
  if (status === 'error') return `History unavailable: ${error ?? 'unknown error'}. New points are drawn as polls arrive.`;
  return 'Not enough points yet: one is added per poll.';
}

function ConnectionHeader({ connection: c, targetId, traffic }: { connection: ConnectionHealth; targetId: string; traffic: ConnectionTraffic | null }) {
  const hb = heartbeatView(c);
  const stateLevel = connectionStateLevel(c.state);
  const marginLevel = hb.kind === 'measured' && (hb.level === 'warn' || hb.level === 'crit') ? hb.level : undefined;
  return (
    <header className="detail-head">
      <div className="detail-title-row">
        <h1 className="page-title detail-title">
          <Truncate text={c.name} />
        </h1>
        <LevelBadge level={stateLevel}>{c.state}</LevelBadge>
        {c.own ? <OwnTag /> : null}
      </div>
      {c.own ? (
        <p className="callout callout-neutral">
          One of rabbitpulse&apos;s own connections: it is kept out of the findings about applications. Its timings, round
          trips and resets are on the <Link href={probeHref(targetId)}>probe page</Link>.
        </p>
      ) : null}
      <KnownDefectsCallout defects={c.knownDefects} />
      <dl className="facts">
        <Fact label="Client">
          <Truncate text={c.client} />
          {c.platform ? <span className="muted"> · <Truncate text={c.platform} /></span> : null}
        </Fact>
        <Fact label="User">
          <Truncate text={c.user} />
        </Fact>
        <Fact label="Vhost">
          <Truncate text={c.vhost} className="mono" />
        </Fact>
        <Fact label="Peer">
          <Truncate text={c.peer} className="mono" />
        </Fact>
        <Fact label="Node">{c.node ? <Truncate text={c.node} className="mono" /> : '—'}</Fact>
        <Fact label="Connected">
          <Ago at={c.connectedAt} />
        </Fact>
        <Fact label="Protocol">{c.protocol ?? '—'}</Fact>
        <Fact label="Frame max">{fmtBytes(c.frameMax)}</Fact>
      </dl>
      <div className="stats-row stats-row-large">
        <Stat
          label="Heartbeat timeout"
          value={c.heartbeatTimeoutSec === 0 ? 'off' : fmtSecondsPlain(c.heartbeatTimeoutSec)}
          hint={c.heartbeatTimeoutSec === 0 ? 'disabled: dead peers go unnoticed' : 'negotiated'}
          level={c.heartbeatTimeoutSec === 0 ? 'warn' : undefined}
        />
        <Stat
          label="Silence"
          value={`${c.silenceSinceFirstSeen && c.silenceSec !== null ? '≥ ' : ''}${fmtSecondsPlain(c.silenceSec)}`}
          hint={<SilenceMeter connection={c} />}
          level={marginLevel}
          title="Time since the broker last received any bytes from this client, at poll resolution"
        />
        <Stat
          label="Margin"
          value={fmtSecondsPlain(c.heartbeatMarginSec)}
          hint={hb.kind === 'measured' ? marginHint(hb.level, hb.timeoutSec) : undefined}
          level={marginLevel}
        />
        <Stat label="Unacked" value={fmtInt(c.unacked)} />
        <Stat
          label="Send pend"
          value={fmtBytes(c.sendPend)}
          level={c.sendPend ? 'warn' : undefined}
          hint={c.sendPend ? 'client is not reading fast enough' : undefined}
        />
        <Stat label="Received" value={fmtByteRate(traffic?.recvRate ?? null)} hint={`sent ${fmtByteRate(traffic?.sendRate ?? null)}`} />
      </div>
    </header>
  );
}

/** Words for the margin, matching heartbeatRisk: a healthy idle client can be silent for a whole timeout. */
function marginHint(level: Level, timeoutSec: number): string {
  if (level === 'crit') return 'the broker may drop it now';
  if (level === 'warn') return `a beat was missed (silent beyond ${fmtSecondsPlain(warnSilenceSec(timeoutSec))})`;
  return 'within what a healthy client shows';
}

function Vanished({ target, connectionId, name }: { target: TargetState; connectionId: string; name: string | null }) {
  return (
    <header className="detail-head">
      <div className="detail-title-row">
        <h1 className="page-title detail-title">
          <Truncate text={name ?? connectionId} />
        </h1>
        <LevelBadge level="neutral">gone</LevelBadge>
      </div>
      <div className="callout callout-neutral" role="status" data-testid="connection-vanished">
        <p>
          This connection is no longer reported by <strong>{target.displayName}</strong>: it has closed, or the broker dropped it.
          {target.status.kind !== 'ok' ? ' The broker is not answering polls right now, so this may also be out of date.' : null}{' '}
          <Link href={timelineHref(target.id)}>See the timeline</Link> for when and why connections closed.
        </p>
        <p className="muted small">
          Broker connection id: <Truncate text={connectionId} className="mono" />
        </p>
      </div>
    </header>
  );
}
