'use client';

import { useMemo, useState } from 'react';
import type { Alert, DeliveryStatus, NotifierInfo } from '../../server/contract';
import { fmtDateTime, fmtIn, fmtInt } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { TitledCard } from '../ui/TitledCard';
import { Truncate } from '../ui/Truncate';
import { DELIVERY_KIND_WORD, DELIVERY_STATE_LEVEL, orderDeliveries } from './alert-model';

const SHOWN = 12;

const STATE_WORD: Record<DeliveryStatus['state'], string> = { pending: 'pending', delivered: 'delivered', failed: 'failed' };

/** Recent notification deliveries: failures first and loud, then the newest. */
export function DeliveriesCard({ deliveries, notifiers, alerts }: { deliveries: readonly DeliveryStatus[]; notifiers: readonly NotifierInfo[]; alerts: readonly Alert[] }) {
  const [all, setAll] = useState(false);
  const ordered = useMemo(() => orderDeliveries(deliveries), [deliveries]);
  const failed = ordered.filter((d) => d.state === 'failed').length;
  const pending = ordered.filter((d) => d.state === 'pending').length;
  const names = useMemo(() => new Map(notifiers.map((n) => [n.id, n.name])), [notifiers]);
  const alertsById = useMemo(() => new Map(alerts.map((a) => [a.id, a])), [alerts]);
  const shown = all ? ordered : ordered.slice(0, SHOWN);

  return (
    <TitledCard
      titleId="deliveries-title"
      title="Deliveries"
      testId="deliveries"
      aside={
        <>
          {failed > 0 ? <LevelBadge level="crit">{`${fmtInt(failed)} failed`}</LevelBadge> : null}
          {pending > 0 ? <LevelBadge level="neutral">{`${fmtInt(pending)} pending`}</LevelBadge> : null}
        </>
      }
    >
      {ordered.length === 0 ? (
        <p className="muted">No notifications sent yet. Each one is written to an outbox first, then sent and retried with backoff until it is delivered or given up.</p>
      ) : (
        <ul className="delivery-list">
          {shown.map((d) => (
            <DeliveryRow key={d.id} delivery={d} notifierName={names.get(d.notifierId) ?? d.notifierId} alert={d.alertId === null ? null : (alertsById.get(d.alertId) ?? null)} />
          ))}
        </ul>
      )}
      {ordered.length > SHOWN ? (
        <button type="button" className="button button-quiet more-button" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer' : `Show all ${fmtInt(ordered.length)}`}
        </button>
      ) : null}
    </TitledCard>
  );
}

function DeliveryRow({ delivery: d, notifierName, alert }: { delivery: DeliveryStatus; notifierName: string; alert: Alert | null }) {
  const now = useNowTick();
  const about = d.kind === 'test' ? 'test notification' : alert ? alert.title : d.alertId ? 'an alert no longer listed' : 'an alert';
  return (
    <li className={`delivery delivery-${d.state}`} data-testid="delivery-row" data-state={d.state} data-kind={d.kind} data-notifier-id={d.notifierId}>
      <div className="delivery-head">
        <LevelBadge level={DELIVERY_STATE_LEVEL[d.state]}>{STATE_WORD[d.state]}</LevelBadge>
        <span className="delivery-what">
          <span className="strong">{DELIVERY_KIND_WORD[d.kind]}</span> to {notifierName}
        </span>
        <span className="muted small delivery-when" title={fmtDateTime(d.createdAt)}>
          <Ago at={d.createdAt} />
        </span>
      </div>
      <div className="delivery-about small">
        <span className="muted">{about}</span>
        {alert && d.kind !== 'test' ? (
          <>
            <span className="muted"> · </span>
            <Truncate text={alert.object.label} className="delivery-object" />
          </>
        ) : null}
      </div>
      {d.state === 'failed' ? (
        <p className="delivery-error small" data-testid="delivery-error">
          Failed after {fmtInt(d.attempts)} attempt{d.attempts === 1 ? '' : 's'}
          {d.lastError ? `: ${d.lastError}` : '.'}
        </p>
      ) : d.state === 'pending' && d.lastError ? (
        <p className="delivery-retry small">
          Attempt {fmtInt(d.attempts)} failed: {d.lastError}
          {d.nextAttemptAt !== null ? ` · retrying ${fmtIn(d.nextAttemptAt, now)}` : null}
        </p>
      ) : d.state === 'delivered' && d.attempts > 1 ? (
        <p className="muted small">delivered on attempt {fmtInt(d.attempts)}</p>
      ) : null}
    </li>
  );
}
