import Link from 'next/link';
import type { ChannelHealth, ConnectionTraffic } from '../../server/contract';
import { queueId } from '../../server/shared/object-id';
import { fmtInt, fmtRate } from '../format';
import { isUnboundedManualAck, OWN_UNBOUNDED_DETAIL } from '../health/prefetch';
import { queueHref } from '../links';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';
import { SimpleTable, type Column } from '../ui/SimpleTable';
import { Truncate } from '../ui/Truncate';
import { ConsumerTimeoutCell, ConsumerTimeoutNote } from './ConsumerTimeout';

/**
 * basic.qos 0 means "no limit"; say so instead of showing a bare zero. On
 * rabbitpulse's own connections it is deliberate, so it is explained, not flagged.
 */
function PrefetchValue({ value, danger, own }: { value: number; danger: boolean; own: boolean }) {
  if (value !== 0) return <>{fmtInt(value)}</>;
  if (own) {
    return (
      <span className="muted" title={OWN_UNBOUNDED_DETAIL}>
        0 (unlimited)
      </span>
    );
  }
  return danger ? <LevelBadge level="crit">0 (unlimited)</LevelBadge> : <span className="muted">0 (unlimited)</span>;
}

const CHANNEL_COLUMNS: Column[] = [
  { label: '#', className: 'num' },
  { label: 'Prefetch', className: 'num', title: 'Per-consumer prefetch (basic.qos); 0 = unlimited' },
  { label: 'Global prefetch', className: 'num', title: 'Channel-wide prefetch (basic.qos global); 0 = unlimited' },
  { label: 'Unacked', className: 'num' },
  { label: 'Consumer timeout', title: "Age of the oldest unacked delivery (at least) against the broker's delivery acknowledgement timeout" },
  { label: 'Unconfirmed', className: 'num', title: 'Published messages the broker has not confirmed yet' },
  { label: 'Confirm mode' },
  { label: 'Consumers', className: 'num' },
  { label: 'State' },
  { label: 'Deliver', className: 'num' },
  { label: 'Ack', className: 'num' },
];

const CONSUMER_COLUMNS: Column[] = [
  { label: 'Tag' },
  { label: 'Queue' },
  { label: 'Channel', className: 'num' },
  { label: 'Ack mode' },
  { label: 'Prefetch', className: 'num', title: 'Per-consumer prefetch; 0 = unlimited' },
  { label: 'Exclusive' },
  { label: 'Active' },
];

export function ChannelTable({
  channels,
  traffic,
  brokerVersion,
  own,
}: {
  channels: readonly ChannelHealth[];
  traffic: ConnectionTraffic | null;
  brokerVersion: string | null;
  /** One of rabbitpulse's own connections (see PrefetchValue). */
  own: boolean;
}) {
  if (channels.length === 0) return <EmptyState compact title="No open channels" />;
  return (
    <>
      <SimpleTable columns={CHANNEL_COLUMNS}>
        {channels.map((ch) => {
          const danger = ch.consumers.some((c) => isUnboundedManualAck(c, ch));
          return (
            <tr key={ch.id} data-testid="channel-row">
              <td className="num">{ch.number}</td>
              <td className="num" data-col="prefetch">
                <PrefetchValue value={ch.prefetch} danger={danger} own={own} />
              </td>
              <td className="num">
                <PrefetchValue value={ch.globalPrefetch} danger={false} own={own} />
              </td>
              <td className="num" data-col="unacked">
                {fmtInt(ch.unacked)}
              </td>
              <td data-col="consumer-timeout">
                <ConsumerTimeoutCell channel={ch} />
              </td>
              <td className="num">{fmtInt(ch.unconfirmed)}</td>
              <td>{ch.confirmMode ? 'on' : <span className="muted">off</span>}</td>
              <td className="num">{fmtInt(ch.consumerCount)}</td>
              <td>{ch.state ?? '—'}</td>
              <td className="num">{fmtRate(traffic?.channels[ch.id]?.deliverRate ?? null)}</td>
              <td className="num">{fmtRate(traffic?.channels[ch.id]?.ackRate ?? null)}</td>
            </tr>
          );
        })}
      </SimpleTable>
      <ConsumerTimeoutNote brokerVersion={brokerVersion} />
    </>
  );
}

export function ConsumerTable({ targetId, channels, own }: { targetId: string; channels: readonly ChannelHealth[]; own: boolean }) {
  const rows = channels.flatMap((ch) => ch.consumers.map((consumer) => ({ ch, consumer })));
  if (rows.length === 0) {
    return (
      <EmptyState compact title="No consumers">
        <p>This connection does not consume from any queue (a publisher, or a consumer between subscriptions).</p>
      </EmptyState>
    );
  }
  return (
    <SimpleTable columns={CONSUMER_COLUMNS}>
      {rows.map(({ ch, consumer }) => {
        return (
          <tr key={`${ch.id}\u0000${consumer.tag}`}>
            <td className="cell-text">
              <Truncate text={consumer.tag} className="mono" />
            </td>
            <td className="cell-text">
              <Link href={queueHref(targetId, queueId(consumer.vhost, consumer.queue))}>
                <Truncate text={consumer.queue} />
              </Link>
            </td>
            <td className="num">{ch.number}</td>
            <td>{consumer.ackRequired ? 'manual' : 'auto'}</td>
            <td className="num">
              {consumer.ackRequired ? <PrefetchValue value={consumer.prefetch} danger={isUnboundedManualAck(consumer, ch)} own={own} /> : <span className="muted">n/a (auto-ack)</span>}
            </td>
            <td>{consumer.exclusive ? 'yes' : <span className="muted">no</span>}</td>
            <td>{consumer.active ? 'yes' : <LevelBadge level="warn">inactive</LevelBadge>}</td>
          </tr>
        );
      })}
    </SimpleTable>
  );
}
