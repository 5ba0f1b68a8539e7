'use client';

import type { Alert, QueueHealth, QueueSample } from '../../server/contract';
import { TimeSeriesChart, type SeriesDef } from '../charts/TimeSeriesChart';
import { fmtInt, fmtRate } from '../format';
import type { LiveView } from '../../server/stream/apply-delta';
import { useQueueSeries } from '../live/useLiveSeries';
import { LevelBadge } from '../ui/LevelBadge';
import { Stat } from '../ui/Stat';
import { Truncate } from '../ui/Truncate';
import { hasDurabilityMismatch } from './durability';
import { QueueAlertTitles } from './QueueAlerts';
import { utilisationView } from './utilisation';

const SERIES: SeriesDef<QueueSample>[] = [
  { key: 'ready', label: 'Ready', color: 'var(--chart-2)', format: fmtInt },
  { key: 'unacked', label: 'Unacked', color: 'var(--chart-1)', format: fmtInt },
];

/** The chart for the queue selected in the table, docked under it so the table stays in view. */
export function QueuePanel({
  view,
  targetId,
  queueId,
  alerts,
  onClose,
}: {
  view: LiveView;
  targetId: string;
  queueId: string;
  /** The alerts firing on it now (firingByQueue). */
  alerts: readonly Alert[];
  onClose: () => void;
}) {
  const target = view.targets.find((t) => t.id === targetId);
  const queue = target?.queues.find((q) => q.id === queueId) ?? null;
  const series = useQueueSeries(targetId, queue, queueId);
  const emptyText =
    series.status === 'loading'
      ? 'Loading the last hour…'
      : series.status === 'error'
        ? `History unavailable: ${series.error ?? 'unknown error'}. New points are drawn as polls arrive.`
        : 'Not enough points yet: one is added per poll.';

  return (
    <section className="panel" aria-label="Selected queue" data-testid="queue-panel">
      <header className="panel-head">
        <div className="panel-title">
          <h2 className="card-title">
            <Truncate text={queue?.name ?? queueId} />
          </h2>
          {queue ? (
            <span className="muted">
              vhost <span className="mono">{queue.vhost}</span> · {queue.type ?? 'type not reported'} · {queue.durable ? 'durable' : 'not durable'}
              {target && view.targets.length > 1 ? ` · ${target.displayName}` : ''}
            </span>
          ) : (
            <LevelBadge level="neutral">{target ? 'no longer reported by the broker' : 'unknown target'}</LevelBadge>
          )}
          {queue && hasDurabilityMismatch(queue) ? <LevelBadge level="crit">persistent messages in a non-durable queue</LevelBadge> : null}
          <QueueAlertTitles alerts={alerts} />
        </div>
        <button type="button" className="icon-button" onClick={onClose} title="Close the queue panel">
          <span aria-hidden="true">✕</span>
          <span className="sr-only">Close</span>
        </button>
      </header>
      <div className="panel-body">
        {queue ? <QueueStats queue={queue} /> : null}
        <div className="panel-chart">
          <TimeSeriesChart data={series.samples} series={SERIES} height={190} label="Ready and unacked messages over the last hour" emptyText={emptyText} />
        </div>
      </div>
    </section>
  );
}

function QueueStats({ queue: q }: { queue: QueueHealth }) {
  const utilisation = utilisationView(q);
  return (
    <div className="panel-stats">
      <Stat label="Ready" value={fmtInt(q.ready)} />
      <Stat label="Unacked" value={fmtInt(q.unacked)} />
      <Stat
        label="Consumers"
        value={fmtInt(q.consumers)}
        hint={utilisation.kind === 'blocked-on-acks' ? <span className="text-warn">{utilisation.text}</span> : `utilisation ${utilisation.text}`}
        title={utilisation.title}
      />
      <Stat label="Persistent" value={fmtInt(q.persistent)} level={hasDurabilityMismatch(q) ? 'crit' : undefined} />
      <Stat label="Publish" value={fmtRate(q.rates.publish)} hint={`deliver ${fmtRate(q.rates.deliver)}`} />
      <Stat label="Ack" value={fmtRate(q.rates.ack)} hint={`redeliver ${fmtRate(q.rates.redeliver)}`} />
    </div>
  );
}
