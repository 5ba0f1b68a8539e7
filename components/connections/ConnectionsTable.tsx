'use client';

import Link from 'next/link';
import { useDeferredValue, useMemo, useState } from 'react';
import { fmtBytes, fmtInt, fmtSecondsPlain } from '../format';
import { connectionStateLevel } from '../health/connection-state';
import { connectionRisk } from '../health/connection-risk';
import { heartbeatLevel, marginSortKey } from '../health/heartbeat';
import { prefetchSummary } from '../health/prefetch';
import { connectionHref } from '../links';
import type { LiveView } from '../../server/stream/apply-delta';
import { isLabConnectionName } from '../../server/shared/lab-objects';
import { RequireView } from '../live/RequireView';
import { connectionRows, type ConnectionRow } from '../live/rows';
import { filterRows } from '../tables/filter';
import { TableToolbar } from '../tables/TableToolbar';
import { VirtualTable, type Column } from '../tables/VirtualTable';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';
import { LabTag } from '../ui/LabTag';
import { OwnTag } from '../ui/OwnTag';
import { ALL_TARGETS, TargetSelect } from '../ui/TargetSelect';
import { Truncate } from '../ui/Truncate';
import { KnownDefectBadge } from './KnownDefects';
import { RiskCell } from './RiskCell';
import { SilenceMeter } from './SilenceMeter';
import { PageHead } from '../ui/PageHead';

export function ConnectionsView() {
  return <RequireView>{(view) => <Connections view={view} />}</RequireView>;
}

function Connections({ view }: { view: LiveView }) {
  const [filter, setFilter] = useState('');
  const [targetId, setTargetId] = useState(ALL_TARGETS);
  // rabbitpulse's own connections are shown by default, dimmed and after every application's (pinned last
  // under any sort): they are real load on the broker, so the count here matches the broker's own, but
  // they are never what someone opening this page is looking for.
  const [showOwn, setShowOwn] = useState(true);
  // Typing stays responsive while 5,000 rows are filtered behind it.
  const deferredFilter = useDeferredValue(filter);
  const all = useMemo(() => connectionRows(view), [view]);
  const ownCount = useMemo(() => all.filter((r) => r.item.own).length, [all]);
  const rows = useMemo(
    () => filterRows(showOwn ? all : all.filter((r) => !r.item.own), targetId, deferredFilter, (c) => [c.name, c.client, c.user, c.vhost, c.peer]),
    [all, showOwn, targetId, deferredFilter],
  );
  const multiTarget = view.targets.length > 1;

  return (
    <div className="table-page">
      <PageHead title="Connections">
        Every client connection, most at risk first (then closest to its heartbeat timeout); rabbitpulse&apos;s own come
        last. Silence is time since the broker last received a byte from the client.
      </PageHead>
      <TableToolbar
        filter={filter}
        onFilterChange={setFilter}
        placeholder="name, client, user or vhost"
        shown={rows.length}
        total={all.length}
        noun="connections"
      >
        {multiTarget ? <TargetSelect targets={view.targets} value={targetId} onChange={setTargetId} /> : null}
        <label className="check" title="rabbitpulse's own probe and event connections, shown dimmed and kept out of the findings">
          <input type="checkbox" checked={showOwn} onChange={(e) => setShowOwn(e.target.checked)} data-testid="show-own" />
          Show rabbitpulse&apos;s own ({fmtInt(ownCount)})
        </label>
      </TableToolbar>
      <VirtualTable
        label="Client connections"
        rows={rows}
        columns={multiTarget ? CONNECTION_COLUMNS : SINGLE_TARGET_COLUMNS}
        rowKey={(r) => r.key}
        defaultSort={{ columnId: 'risk', dir: 'desc' }}
        pinLast={isOwnRow}
        rowAttributes={(r) => ({ 'data-testid': 'conn-row', 'data-connection-name': r.item.name, 'data-own': String(r.item.own) })}
        rowClassName={rowClass}
        empty={
          all.length === 0 ? (
            <EmptyState title="No client connections" compact>
              <p>No application is connected to {multiTarget ? 'any polled broker' : 'this broker'} right now. Connections appear here within one poll of opening.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No connection matches the filter" compact />
          )
        }
      />
    </div>
  );
}

function isOwnRow(r: ConnectionRow): boolean {
  return r.item.own;
}

/** Own connections are dimmed rather than hidden: they are real load on the broker too. Critical rows match their risk cell. */
function rowClass(r: ConnectionRow): string | undefined {
  if (r.item.own) return 'vt-row-own';
  return connectionRisk(r.item).level === 'crit' ? 'vt-row-crit' : undefined;
}

const CONNECTION_COLUMNS: Column<ConnectionRow>[] = [
  {
    id: 'risk',
    header: 'Risk',
    headerTitle: 'What puts the connection at risk, worst first (heartbeat, blocked or flow, unlimited prefetch, send buffer); hover for details',
    width: 112,
    firstSortDir: 'desc',
    sortValue: (r) => connectionRisk(r.item).rank,
    render: (r) => <RiskCell risk={connectionRisk(r.item)} />,
  },
  {
    id: 'target',
    header: 'Target',
    width: 110,
    sortValue: (r) => r.targetName,
    render: (r) => <Truncate text={r.targetName} />,
  },
  {
    id: 'name',
    header: 'Name',
    headerTitle: 'The client-chosen connection_name, else the peer address',
    width: 180,
    grow: 3,
    sortValue: (r) => r.item.name,
    render: (r) => (
      <span className="name-cell">
        <Link href={connectionHref(r.targetId, r.item.id)} className="cell-link">
          <Truncate text={r.item.name} />
        </Link>
        {r.item.own ? <OwnTag /> : null}
        {isLabConnectionName(r.item.providedName) ? <LabTag /> : null}
        {/* In the name cell, as the own tag is: the client column is too narrow to keep the version beside it. */}
        <KnownDefectBadge defects={r.item.knownDefects} />
      </span>
    ),
  },
  {
    id: 'client',
    header: 'Client',
    headerTitle: 'Client library and version, as the client reported them',
    width: 120,
    grow: 1,
    sortValue: (r) => r.item.client,
    render: (r) => <Truncate text={r.item.client} className="muted" />,
  },
  { id: 'user', header: 'User', width: 80, grow: 0.5, sortValue: (r) => r.item.user, render: (r) => <Truncate text={r.item.user} /> },
  { id: 'vhost', header: 'Vhost', width: 70, grow: 0.5, sortValue: (r) => r.item.vhost, render: (r) => <Truncate text={r.item.vhost} className="mono" /> },
  {
    id: 'state',
    header: 'State',
    width: 88,
    sortValue: (r) => r.item.state,
    render: (r) => {
      const level = connectionStateLevel(r.item.state);
      return level === 'ok' ? <span>{r.item.state}</span> : <LevelBadge level={level}>{r.item.state}</LevelBadge>;
    },
  },
  {
    id: 'timeout',
    header: 'Heartbeat',
    headerTitle: 'Negotiated heartbeat timeout (0 = disabled)',
    width: 98,
    align: 'end',
    firstSortDir: 'desc',
    sortValue: (r) => r.item.heartbeatTimeoutSec,
    render: (r) => (r.item.heartbeatTimeoutSec === 0 ? <span className="muted">off</span> : fmtSecondsPlain(r.item.heartbeatTimeoutSec)),
  },
  {
    id: 'silence',
    header: 'Silence / timeout',
    headerTitle: 'Seconds since the broker last received bytes from the client, against the heartbeat timeout',
    width: 176,
    firstSortDir: 'desc',
    sortValue: (r) => (r.item.heartbeatTimeoutSec ? (r.item.silenceSec ?? 0) / r.item.heartbeatTimeoutSec : r.item.silenceSec === null ? null : -1),
    render: (r) => <SilenceMeter connection={r.item} />,
  },
  {
    id: 'margin',
    header: 'Margin',
    headerTitle: 'Heartbeat timeout minus silence: how long until the broker would drop it',
    width: 80,
    align: 'end',
    sortValue: (r) => marginSortKey(r.item),
    render: (r) => {
      const level = heartbeatLevel(r.item);
      return <span className={level === 'warn' || level === 'crit' ? `text-${level} strong` : undefined}>{fmtSecondsPlain(r.item.heartbeatMarginSec)}</span>;
    },
  },
  {
    id: 'sendPend',
    header: 'Send pend',
    headerTitle: 'Bytes queued by the broker for sending to this client; > 0 means the client is not keeping up',
    width: 98,
    align: 'end',
    firstSortDir: 'desc',
    sortValue: (r) => r.item.sendPend,
    render: (r) => (r.item.sendPend ? <span className="text-warn strong">{fmtBytes(r.item.sendPend)}</span> : fmtBytes(r.item.sendPend)),
  },
  { id: 'channels', header: 'Ch.', headerTitle: 'Open channels', width: 52, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.channelCount, render: (r) => fmtInt(r.item.channelCount) },
  { id: 'unacked', header: 'Unacked', width: 86, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.unacked, render: (r) => fmtInt(r.item.unacked) },
  {
    id: 'prefetch',
    header: 'Prefetch',
    headerTitle: 'Prefetch of the manual-ack consumers on this connection; 0 = unlimited',
    width: 132,
    sortValue: (r) => prefetchSummary(r.item).sortKey,
    render: (r) => {
      const p = prefetchSummary(r.item);
      return p.level === 'crit' ? (
        <span title={p.detail}>
          <LevelBadge level="crit">{p.text}</LevelBadge>
        </span>
      ) : (
        <span title={p.detail} className={p.level === 'neutral' ? 'muted' : undefined}>
          {p.text}
        </span>
      );
    },
  },
];

/** With one broker the target column says the same thing on every row; its room goes to the names. */
const SINGLE_TARGET_COLUMNS = CONNECTION_COLUMNS.filter((c) => c.id !== 'target');
