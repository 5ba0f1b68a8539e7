'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import { fmtInt, fmtRate, fmtRatio } from '../format';
import { queueHref } from '../links';
import type { LiveView } from '../../server/stream/apply-delta';
import { RequireView } from '../live/RequireView';
import { queueRows, rowKeyOf, type QueueRow } from '../live/rows';
import { filterRows } from '../tables/filter';
import { TableToolbar } from '../tables/TableToolbar';
import { VirtualTable, type Column } from '../tables/VirtualTable';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';
import { ALL_TARGETS, TargetSelect } from '../ui/TargetSelect';
import { Truncate } from '../ui/Truncate';
import { hasDurabilityMismatch, isUnderusedConsumer } from './durability';
import { QueuePanel } from './QueuePanel';
import { PageHead } from '../ui/PageHead';

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
  const deferredFilter = useDeferredValue(filter);
  const all = useMemo(() => queueRows(view), [view]);
  const rows = useMemo(() => {
    const filtered = filterRows(all, targetId, deferredFilter, (q) => [q.name, q.vhost, q.type]);
    return onlyFlagged ? filtered.filter((r) => hasDurabilityMismatch(r.item)) : filtered;
  }, [all, targetId, deferredFilter, onlyFlagged]);
  const multiTarget = view.targets.length > 1;
  const mismatches = useMemo(() => all.filter((r) => hasDurabilityMismatch(r.item)).length, [all]);
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
      </TableToolbar>
      <VirtualTable
        label="Queues"
        rows={rows}
        columns={QUEUE_COLUMNS}
        rowKey={(r) => r.key}
        defaultSort={{ columnId: 'ready', dir: 'desc' }}
        rowAttributes={(r) => ({ 'data-testid': 'queue-row', 'data-queue-name': r.item.name })}
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
        <QueuePanel view={view} targetId={selectedTarget} queueId={selectedQueue} onClose={() => router.replace('/queues', { scroll: false })} />
      ) : null}
    </div>
  );
}

const QUEUE_COLUMNS: Column<QueueRow>[] = [
  { id: 'target', header: 'Target', width: 96, sortValue: (r) => r.targetName, render: (r) => <Truncate text={r.targetName} /> },
  { id: 'vhost', header: 'Vhost', width: 64, grow: 0.5, sortValue: (r) => r.item.vhost, render: (r) => <Truncate text={r.item.vhost} className="mono" /> },
  {
    id: 'name',
    header: 'Name',
    width: 180,
    grow: 3,
    sortValue: (r) => r.item.name,
    render: (r) => (
      <Link href={queueHref(r.targetId, r.item.id)} scroll={false} replace className="cell-link" onClick={(e) => e.stopPropagation()}>
        <Truncate text={r.item.name} />
      </Link>
    ),
  },
  { id: 'type', header: 'Type', width: 76, sortValue: (r) => r.item.type, render: (r) => r.item.type ?? '—' },
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
  { id: 'ready', header: 'Ready', width: 76, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.ready, render: (r) => fmtInt(r.item.ready) },
  { id: 'unacked', header: 'Unacked', width: 86, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.unacked, render: (r) => fmtInt(r.item.unacked) },
  { id: 'consumers', header: 'Consumers', width: 100, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.consumers, render: (r) => fmtInt(r.item.consumers) },
  {
    id: 'utilisation',
    header: 'Utilisation',
    headerTitle: 'Consumer utilisation: share of time consumers could take new messages',
    width: 98,
    align: 'end',
    sortValue: (r) => r.item.consumerUtilisation,
    render: (r) =>
      isUnderusedConsumer(r.item) ? (
        <span className="text-warn strong" title="Messages are waiting but the consumers are rarely ready for more: slow handlers or unlimited prefetch.">
          ▲ {fmtRatio(r.item.consumerUtilisation)}
        </span>
      ) : (
        fmtRatio(r.item.consumerUtilisation)
      ),
  },
  { id: 'publish', header: 'Publish', width: 80, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.rates.publish, render: (r) => fmtRate(r.item.rates.publish) },
  { id: 'deliver', header: 'Deliver', width: 80, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.rates.deliver, render: (r) => fmtRate(r.item.rates.deliver) },
  { id: 'ack', header: 'Ack', width: 60, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.rates.ack, render: (r) => fmtRate(r.item.rates.ack) },
  {
    id: 'redeliver',
    header: 'Redeliver',
    headerTitle: 'Messages delivered again after a consumer died or rejected them',
    width: 96,
    align: 'end',
    firstSortDir: 'desc',
    sortValue: (r) => r.item.rates.redeliver,
    render: (r) => (r.item.rates.redeliver ? <span className="text-warn strong">{fmtRate(r.item.rates.redeliver)}</span> : fmtRate(r.item.rates.redeliver)),
  },
  { id: 'persistent', header: 'Persistent', headerTitle: 'Persistent messages in the queue', width: 100, align: 'end', firstSortDir: 'desc', sortValue: (r) => r.item.persistent, render: (r) => fmtInt(r.item.persistent) },
];
