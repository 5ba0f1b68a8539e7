'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import type { Alert, NotifierInfo, Silence } from '../../server/contract';
import { fmtClock, fmtDateTime, fmtIn, fmtSpan } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { Ago } from '../ui/Ago';
import { Truncate } from '../ui/Truncate';
import { alertAnchor } from '../links';
import {
  OBJECT_KIND_WORD,
  SEVERITY_LEVEL,
  SILENCE_DURATIONS,
  objectHref,
  silenceRequest,
  silencedUntil,
  type SilenceScope,
} from './alert-model';
import { acknowledgeAlert, createSilence } from './api';
import { AlertNotified } from './AlertNotified';
import { SeverityBadge } from './SeverityBadge';
import { useAction } from './useAction';
import { useCanWrite } from '../session/SessionProvider';
import { inert } from '../../server/shared/inert';

/**
 * One pending or firing alert: what, where, since when, the measured value,
 * the likely cause and fix, who was notified, and what can be done about it
 * here. Everything from the alert (labels, values) is rendered as text,
 * never as markup.
 */
export function AlertCard({
  alert,
  targetName,
  showTarget,
  silences,
  notifiers,
  explanationOpen = true,
}: {
  alert: Alert;
  targetName: string;
  showTarget: boolean;
  silences: readonly Silence[];
  /** The configured notifiers, to name them and to say when there is none. */
  notifiers: readonly NotifierInfo[];
  /** Closed for the second and later alerts of one rule in a list: the same cause and fix, told once. */
  explanationOpen?: boolean;
}) {
  const now = useNowTick();
  const ack = useAction(acknowledgeAlert);
  const canWrite = useCanWrite();
  const [silencing, setSilencing] = useState(false);
  const titleId = useId();
  const until = silencedUntil(alert, silences, now);
  const firing = alert.state === 'firing';
  const startedAt = firing ? (alert.firedAt ?? alert.since) : alert.since;
  const level = SEVERITY_LEVEL[alert.severity];

  return (
    <article
      className={`alert-card alert-card-${level} alert-card-${alert.state}`}
      aria-labelledby={titleId}
      id={alertAnchor(alert.id)}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-rule={alert.rule}
      data-state={alert.state}
      data-severity={alert.severity}
      data-acknowledged={alert.acknowledgedAt !== null ? 'true' : 'false'}
      data-silenced={until !== null ? 'true' : 'false'}
    >
      <div className="alert-head">
        <SeverityBadge severity={alert.severity} />
        <h3 className="alert-title" id={titleId}>
          {alert.title}
        </h3>
        <span className="alert-markers">
          {alert.acknowledgedAt !== null ? (
            <span className="marker marker-ack" data-testid="ack-marker" title={`Acknowledged ${fmtDateTime(alert.acknowledgedAt)}: no more reminders`}>
              <span aria-hidden="true">✓</span> Acknowledged <Ago at={alert.acknowledgedAt} />
            </span>
          ) : null}
          {until !== null ? (
            <span className="marker marker-silenced" data-testid="silenced-marker" title={`No notifications until ${fmtDateTime(until)}`}>
              <span aria-hidden="true">⊘</span> Silenced until {fmtClock(until)} ({fmtIn(until, now)})
            </span>
          ) : null}
        </span>
        <span className="alert-since" title={`${firing ? 'Fired' : 'Pending since'} ${fmtDateTime(startedAt)}`}>
          {firing ? 'firing' : 'pending'} for <strong>{fmtSpan(startedAt, null, now)}</strong>
          <span className="muted"> · since {fmtClock(startedAt)}</span>
        </span>
      </div>

      <div className="alert-object">
        <span className="alert-object-kind">{OBJECT_KIND_WORD[alert.object.kind]}</span>
        <ObjectLink alert={alert} />
        {showTarget ? <span className="muted">on {targetName}</span> : null}
      </div>

      <p className="alert-value" data-testid="alert-value">
        {inert(alert.value)}
      </p>

      <details className="alert-explanation" data-testid="alert-explanation" open={explanationOpen}>
        <summary className="alert-explanation-label">Likely cause and fix{explanationOpen ? null : <span className="muted"> (as above)</span>}</summary>
        <p>{inert(alert.explanation)}</p>
      </details>

      <div className="alert-actions">
        {canWrite && alert.acknowledgedAt === null ? (
          <button
            type="button"
            className="button button-primary"
            disabled={ack.busy}
            onClick={() => void ack.run(alert.id)}
            data-testid="ack-button"
            title="Stops the reminders; the alert stays until its condition clears"
          >
            {ack.busy ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        ) : null}
        {canWrite ? (
          <button type="button" className="button" aria-expanded={silencing} onClick={() => setSilencing((v) => !v)} data-testid="silence-button">
            Silence…
          </button>
        ) : null}
        <span className="alert-first-seen muted small">
          first seen <Ago at={alert.firstSeenAt} />
        </span>
      </div>
      <AlertNotified alert={alert} notifiers={notifiers} />
      {ack.error ? (
        <p className="action-error" role="alert">
          Could not acknowledge: {ack.error}
        </p>
      ) : null}
      {canWrite && silencing ? <SilenceForm alert={alert} onDone={() => setSilencing(false)} /> : null}
    </article>
  );
}

export function ObjectLink({ alert }: { alert: Pick<Alert, 'targetId' | 'object'> }) {
  const href = objectHref(alert);
  return href ? (
    <Link href={href} className="alert-object-link" data-testid="alert-object">
      <Truncate text={alert.object.label} />
    </Link>
  ) : (
    <Truncate text={alert.object.label} className="alert-object-link" />
  );
}

function SilenceForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const [scope, setScope] = useState<SilenceScope>('object');
  const [durationMs, setDurationMs] = useState<number>(SILENCE_DURATIONS[1].ms);
  const [comment, setComment] = useState('');
  const action = useAction(createSilence);
  const name = useId();
  const chosen = SILENCE_DURATIONS.find((d) => d.ms === durationMs)?.label ?? '';

  return (
    <form
      className="silence-form"
      data-testid="silence-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await action.run(silenceRequest(alert, scope, durationMs, comment));
        if (result.ok) onDone();
      }}
    >
      <fieldset className="silence-fieldset">
        <legend className="field-label">Silence</legend>
        <label className="check">
          <input type="radio" name={`${name}-scope`} checked={scope === 'object'} onChange={() => setScope('object')} data-scope="object" />
          <span>
            this {OBJECT_KIND_WORD[alert.object.kind]}, <Truncate text={alert.object.label} className="silence-object" /> <span className="muted">(every rule)</span>
          </span>
        </label>
        <label className="check">
          <input type="radio" name={`${name}-scope`} checked={scope === 'rule'} onChange={() => setScope('rule')} data-scope="rule" />
          <span>
            this rule, <span className="mono">{alert.rule}</span> <span className="muted">(every object, every target)</span>
          </span>
        </label>
      </fieldset>
      <fieldset className="silence-fieldset">
        <legend className="field-label">For</legend>
        <div className="segmented" data-testid="silence-duration">
          {SILENCE_DURATIONS.map((d) => (
            <label key={d.ms} className={d.ms === durationMs ? 'segmented-item segmented-item-on' : 'segmented-item'}>
              <input type="radio" className="sr-only" name={`${name}-duration`} checked={d.ms === durationMs} onChange={() => setDurationMs(d.ms)} />
              {d.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field silence-comment-field">
        <span className="field-label">Comment</span>
        <input type="text" value={comment} maxLength={500} placeholder="optional: why, e.g. planned migration" onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="silence-form-buttons">
        <button type="submit" className="button button-primary" disabled={action.busy} data-testid="silence-submit">
          {action.busy ? 'Silencing…' : `Silence for ${chosen}`}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      {action.error ? (
        <p className="action-error" role="alert">
          Could not silence: {action.error}
        </p>
      ) : null}
    </form>
  );
}
