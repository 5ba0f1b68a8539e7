'use client';

import { useState } from 'react';
import type { DeliveryStatus, NotifierInfo, NotifierKind } from '../../server/contract';
import { fmtIn, fmtInt } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { SEVERITY_LEVEL, SEVERITY_WORD } from './alert-model';
import { sendTestNotification } from './api';
import { useAction } from './useAction';
import { useCanWrite } from '../session/SessionProvider';

export const NOTIFIER_KIND_WORD: Record<NotifierKind, string> = {
  webhook: 'Webhook',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  discord: 'Discord',
  pagerduty: 'PagerDuty',
};

/**
 * The configured notifiers as the server lets the browser see them (the
 * destination's host, never its URL or secret), with a test button whose
 * delivery is followed live.
 */
export function NotifiersCard({ notifiers, deliveries }: { notifiers: readonly NotifierInfo[]; deliveries: readonly DeliveryStatus[] }) {
  return (
    <section className="card" aria-labelledby="notifiers-title" data-testid="notifiers" id="notifiers">
      <header className="card-head card-title-row">
        <h2 id="notifiers-title" className="card-title">
          Notifiers
        </h2>
        <span className="badge badge-neutral">{fmtInt(notifiers.length)} configured</span>
      </header>
      <p className="secret-note small">
        Webhook URLs, keys and signing secrets stay on the server and are never sent to the browser: only each destination&apos;s host is shown. Notifiers
        are set in the config file.
      </p>
      {notifiers.length === 0 ? (
        <p className="muted">
          None configured: alerts show here but nobody is notified. Add one under <span className="mono">notifiers:</span> in the config file (README,
          &ldquo;Alerts and notifications&rdquo;) and restart.
        </p>
      ) : (
        <ul className="side-list">
          {notifiers.map((n) => (
            <NotifierRow key={n.id} notifier={n} deliveries={deliveries} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NotifierRow({ notifier, deliveries }: { notifier: NotifierInfo; deliveries: readonly DeliveryStatus[] }) {
  const test = useAction(sendTestNotification);
  const canWrite = useCanWrite();
  // The delivery this page asked for (as the server first reported it), followed by id in the live list.
  const [asked, setAsked] = useState<DeliveryStatus | null>(null);
  const lastTest = asked
    ? (deliveries.find((d) => d.id === asked.id) ?? asked)
    : (deliveries.find((d) => d.notifierId === notifier.id && d.kind === 'test') ?? null);

  return (
    <li className="side-item notifier" data-testid="notifier-row" data-notifier-id={notifier.id} data-kind={notifier.kind}>
      <div className="side-item-main">
        <div className="notifier-head">
          <span className="strong">{notifier.name}</span>
          {notifier.name !== notifier.id ? <span className="mono muted small">{notifier.id}</span> : null}
          <span className="tag">{NOTIFIER_KIND_WORD[notifier.kind]}</span>
        </div>
        <dl className="notifier-facts">
          <div>
            <dt>Sends to</dt>
            <dd className="mono" data-testid="notifier-destination">
              {notifier.destination || '—'}
            </dd>
          </div>
          <div>
            <dt>Severity</dt>
            <dd>
              <LevelBadge level={SEVERITY_LEVEL[notifier.minSeverity]}>{SEVERITY_WORD[notifier.minSeverity]}</LevelBadge>
              {notifier.minSeverity === 'critical' ? ' only' : ' and above'}
            </dd>
          </div>
          <div className="notifier-rules">
            <dt>Rules</dt>
            <dd>
              {notifier.rules === null ? (
                <span className="muted">all rules</span>
              ) : notifier.rules.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                notifier.rules.map((r) => (
                  <span key={r} className="mono rule-chip">
                    {r}
                  </span>
                ))
              )}
            </dd>
          </div>
        </dl>
        <div className="notifier-test">
          {canWrite ? (
            <button
              type="button"
              className="button"
              disabled={test.busy}
              data-testid="test-notification"
              onClick={async () => {
                const result = await test.run(notifier.id);
                if (result.ok) setAsked(result.value.deliveries.find((d) => d.notifierId === notifier.id) ?? result.value.deliveries[0] ?? null);
              }}
            >
              {test.busy ? 'Sending…' : 'Send test notification'}
            </button>
          ) : null}
          {lastTest ? <TestStatus delivery={lastTest} fresh={asked !== null} /> : null}
        </div>
        {test.error ? (
          <p className="action-error" role="alert">
            Could not send a test: {test.error}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** pending → delivered, or failed with the receiver's answer; updated live from the deliveries. */
function TestStatus({ delivery, fresh }: { delivery: DeliveryStatus; fresh: boolean }) {
  const now = useNowTick();
  const prefix = fresh ? '' : 'Last test: ';
  return (
    <span className={`test-status test-status-${delivery.state}`} data-testid="test-status" data-state={delivery.state} role="status" aria-live="polite">
      {delivery.state === 'delivered' ? (
        <LevelBadge level="ok">
          {prefix}delivered {delivery.deliveredAt !== null ? <Ago at={delivery.deliveredAt} /> : null}
        </LevelBadge>
      ) : delivery.state === 'failed' ? (
        <>
          <LevelBadge level="crit">{prefix}failed</LevelBadge>
          {delivery.lastError ? <span className="test-error">{delivery.lastError}</span> : null}
        </>
      ) : (
        <>
          <LevelBadge level="neutral">
            {prefix}
            {delivery.attempts === 0 ? 'queued' : `sending, attempt ${fmtInt(delivery.attempts + 1)}`}
          </LevelBadge>
          {delivery.lastError ? (
            <span className="test-error">
              {delivery.lastError}
              {delivery.nextAttemptAt !== null ? ` · next try ${fmtIn(delivery.nextAttemptAt, now)}` : null}
            </span>
          ) : null}
        </>
      )}
    </span>
  );
}
