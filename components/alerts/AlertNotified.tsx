import Link from 'next/link';
import type { NotifierInfo } from '../../server/contract';
import { inert } from '../../server/shared/inert';
import { LEVEL_ICON } from '../health/level';
import { LevelBadge } from '../ui/LevelBadge';
import { notificationTruth, type AlertNotifiedPart } from './notification-truth';

/**
 * The notifications part of an alert card: per notifier what was delivered,
 * is retrying or was given up, and otherwise why nobody was told. Error texts
 * quote the receiver's answer, so they are shown as inert text.
 */
export function AlertNotified({ alert, notifiers }: { alert: AlertNotifiedPart; notifiers: readonly NotifierInfo[] }) {
  const truth = notificationTruth(alert, notifiers);
  return (
    <div className="alert-notified small" data-testid="alert-notified" data-short={truth.short}>
      {truth.lines.length > 0 ? (
        <ul className="notified-list" aria-label="Notifications">
          {truth.lines.map((l) => (
            <li key={l.notifierId} className="notified-line" data-testid="notified-line" data-notifier-id={l.notifierId} data-outcome={l.outcome}>
              <LevelBadge level={l.level}>{l.name}</LevelBadge> <span className="notified-parts">{inert(l.parts.join(' · '))}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {truth.notes.map((n) => (
        <p key={n.kind} className={`notified-note notified-note-${n.level}`} data-testid="notified-note" data-kind={n.kind}>
          <span aria-hidden="true">{LEVEL_ICON[n.level]} </span>
          {n.text}
          {n.kind === 'no-notifier' ? (
            <>
              {' '}
              <Link href="/alerts#notifiers" data-testid="notifier-hint">
                Add one
              </Link>{' '}
              under <span className="mono">notifiers:</span> in the config file (README, &ldquo;Alerts and notifications&rdquo;).
            </>
          ) : null}
        </p>
      ))}
    </div>
  );
}
