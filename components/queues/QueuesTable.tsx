'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Alert } from '../../server/contract';
import { fmtInt, fmtRate } from '../format';
import { queueHref } from '../links';
import { alertingOf, type LiveView } from '../../server/stream/apply-delta';
import { isLabQueueName } from '../../server/shared/lab-objects';
import { RequireView } from '../live/RequireView';
import { queueRows, rowKeyOf, type QueueRow } from '../live/rows';
import { filterRows } from '../tables/filter';
import { TableToolbar } from '../tables/TableToolbar';
import { VirtualTable, type Column } from '../tables/VirtualTable';
import { EmptyState } from '../ui/EmptyState';
import { LabTag } from '../ui/LabTag';
import { LevelBadge } from '../ui/LevelBadge';
import { ALL_TARGETS, TargetSelect } from '../ui/TargetSelect';
import { Truncate } from '../ui/Truncate';
import { hasDurabilityMismatch } from './durability';
import { QueueAlertMark } from './QueueAlerts';
import { firingByQueue } from './queue-alerts';
import { QueuePanel } from './QueuePanel';
import { UTILISATION_MEANING, utilisationView } from './utilisation';
import { UtilisationCell } from './UtilisationCell';
import { PageHead } from '../ui/PageHead';

/** A queue row with the alerts firing on it, from the live view's alert list. */
type AlertedQueueRow = QueueRow & { alerts: readonly Alert[] };

const NO_ALERTS: readonly Alert[] = [];

export function QueuesView() {
  return <RequireView stream="queues">{(view) => <Queues view={view} />}</RequireView>;
}

function Queues({ view }: { view: LiveView }) {
  const router = useRouter();
  const params = useSearchParams();
  const selectedTarget = params.get('target');
  const selectedQueue = params.get('queue');
  const [filter, setFilter] = useState('');
  const [targetId, setTargetId] = useState(ALL_TARGETS);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [onlyAlerted, setOnlyAlerted] = useState(false);
  const deferredFilter = useDeferredValue(filter);
  const alerts = alertingOf(view).alerts;
  const all = useMemo<AlertedQueueRow[]>(() => {
    const firing = firingByQueue(alerts);
    return queueRows(view).map((r) => ({ ...r, alerts: firing.get(r.key) ?? NO_ALERTS }));
  }, [view, alerts]);
  const rows = useMemo(() => {
    const filtered = filterRows(all, targetId, deferredFilter, (q) => [q.name, q.vhost, q.type]);
    return filtered.filter((r) => (!onlyFlagged || hasDurabilityMismatch(r.item)) && (!onlyAlerted || r.alerts.length > 0));
  }, [all, targetId, deferredFilter, onlyFlagged, onlyAlerted]);
  const multiTarget = view.targets.length > 1;
  const mismatches = useMemo(() => all.filter((r) => hasDurabilityMismatch(r.item)).length, [all]);
  const alerted = useMemo(() => all.filter((r) => r.alerts.length > 0).length, [all]);
  const selectedKey = selectedTarget && selectedQueue ? rowKeyOf(selectedTarget, selectedQueue) : null;

  return (
    <div className="table-page">
      <PageHead title="Queues">Backlog, consumers and rates per queue. Select a queue to chart its ready and unacked messages.</PageHead>
      <TableToolbar filter={filter} onFilterChange={setFilter} placeholder="name, vhost or type" shown={rows.length} total={all.length} noun="queues">
        {multiTarget ? <TargetSelect targets={view.targets} value={targetId} onChange={setTargetId} /> : null}
        <label className="check" title="Queues holding persistent messages although the queue itself is not durable">
          <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} />
          Durability mismatches only{mismatches > 0 ? ` (${fmtInt(mismatches)})` : ''}
        </label>
        <label className="check" title="Queues with an alert firing on them now">
          <input type="checkbox" checked={onlyAlerted} onChange={(e) => setOnlyAlerted(e.target.checked)} data-testid="only-alerted" />
          Firing alerts only{alerted > 0 ? ` (${fmtInt(alerted)})` : ''}
        </label>
      </TableToolbar>
      <VirtualTable
        label="Queues"
        rows={rows}
        columns={multiTarget ? QUEUE_COLUMNS : SINGLE_TARGET_COLUMNS}
        rowKey={(r) => r.key}
        defaultSort={{ columnId: 'ready', dir: 'desc' }}
        rowAttributes={(r) => ({ 'data-testid': 'queue-row', 'data-queue-name': r.item.name, 'data-alerts': String(r.alerts.length) })}
        rowClassName={(r) => (hasDurabilityMismatch(r.item) ? 'vt-row-crit' : undefined)}
        onRowClick={(r) => router.replace(queueHref(r.targetId, r.item.id), { scroll: false })}
        selectedKey={selectedKey}
        empty={
          all.length === 0 ? (
            <EmptyState title="No queues" compact>
              <p>The polled {multiTarget ? 'brokers have' : 'broker has'} no queues yet. They appear here within one poll of being declared.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No queue matches the filter" compact />
          )
        }
      />
      {selectedTarget && selectedQueue ? (
        <QueuePanel
          view={view}
          targetId={selectedTarget}
          queueId={selectedQueue}
          alerts={all.find((r) => r.key === selectedKey)?.alerts ?? NO_ALERTS}
          onClose={() => router.replace('/queues', { scroll: false })}
        />
      ) : null}
    </div>
  );
}

const QUEUE_COLUMNS: Column<AlertedQueueRow>[] = [
  { id: 'target', header: 'Target', width: 96, sortValue: (r) => r.targetName, render: (r) => <Truncate text={r.targetName} /> },
  { id: 'vhost', header: 'Vhost', width: 64, grow: 0.5, sortValue: (r) => r.item.vhost, render: (r) => <Truncate text={r.item.vhost} className="mono" /> },
  {
    id: 'name',
    header: 'Name',
    width: 180,
    grow: 3,
    sortValue: (r) => r.item.name,
    render: (r) => (
      <span className="name-cell">
        <Link href={queueHref(r.targetId, r.item.id)} scroll={false} replace className="cell-link" onClick={(e) => e.stopPropagation()}>
          <Truncate text={r.item.name} />
        </Link>
        {isLabQueueName(r.item.name) ? <LabTag /> : null}
        <QueueAlertMark alerts={r.alerts} />
      </span>
    ),
  },
  { id: 'type', header: 'Type', width: 70, sortValue: (r) => r.item.type, render: (r) => r.item.type ?? '—' },
  {
    id: 'durable',
    header: 'Durable',
    width: 184,
    sortValue: (r) => (hasDurabilityMismatch(r.item) ? 0 : r.item.durable ? 2 : 1),
    render: (r) =>
      hasDurabilityMismatch(r.item) ? (
        <span title="Persistent messages in a non-durable queue: they are lost on broker restart anyway. Declare the queue durable.">
          <LevelBadge level="crit">no · persistent msgs</LevelBadge>
        </span>
      ) : r.item.durable ? (
        'yes'
      ) : (
        <span className="muted">no{r.item.autoDelete ? ', auto-delete' : r.item.exclusive ? ', exclusive' : ''}</span>
      ),
  },
  { id: 'ready', header: 'Ready', width: 72, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.ready, render: (r) => fmtInt(r.item.ready) },
  { id: 'unacked', header: 'Unacked', width: 86, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.unacked, render: (r) => fmtInt(r.item.unacked) },
  { id: 'consumers', header: 'Consumers', width: 96, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.consumers, render: (r) => fmtInt(r.item.consumers) },
  {
    id: 'utilisation',
    header: 'Utilisation',
    headerTitle: UTILISATION_MEANING,
    width: 146,
    align: 'end',
    sortValue: (r) => utilisationView(r.item).sortKey,
    render: (r) => <UtilisationCell queue={r.item} />,
  },
  { id: 'publish', header: 'Publish', width: 76, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.rates.publish, render: (r) => fmtRate(r.item.rates.publish) },
  { id: 'deliver', header: 'Deliver', width: 76, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.rates.deliver, render: (r) => fmtRate(r.item.rates.deliver) },
  { id: 'ack', header: 'Ack', width: 60, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.rates.ack, render: (r) => fmtRate(r.item.rates.ack) },
  {
    id: 'redeliver',
    header: 'Redeliver',
    headerTitle: 'Messages delivered again after a consumer died or rejected them',
    width: 90,
    align: 'end',
    firstSortDir: 'desc',
    sortValue: (r) => r.item.rates.redeliver,
    render: (r) => (r.item.rates.redeliver ? <span className="text-warn strong">{fmtRate(r.item.rates.redeliver)}</span> : fmtRate(r.item.rates.redeliver)),
  },
  { id: 'persistent', header: 'Persistent', headerTitle: 'Persistent messages in the queue', width: 96, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.persistent, render: (r) => fmtInt(r.item.persistent) },
];

/** With one broker the target column says the same thing on every row; its room goes to the names and marks. */
const SINGLE_TARGET_COLUMNS = QUEUE_COLUMNS.filter((c) => c.id !== 'target');
