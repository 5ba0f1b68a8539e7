import type { Alert, NotifierInfo, NotifierTally, SkipReason } from '../../server/contract';
import { onlySkipped, pendingOf } from '../../server/shared/notification-tally';
import { fmtInt } from '../format';
import type { Level } from '../health/level';
import { SEVERITY_WORD } from './alert-model';

/**
 * What an alert's notifications really did, in words, from the alert's own
 * `delivery` counts (server/shared/notification-tally.ts) and the notifiers
 * configured: per notifier delivered, retrying, given up; who was not routed
 * and why; what a silence held back; or that no notifier is configured at
 * all. Never "sent" for what was only raised.
 */

export type NotifiedOutcome = 'delivered' | 'sending' | 'retrying' | 'failed';

/** One notifier that was handed notifications of this episode. */
export interface NotifiedLine {
  notifierId: string;
  name: string;
  /** The worst of what happened, for its badge: given up, retrying, still sending, or all delivered. */
  outcome: NotifiedOutcome;
  level: Level;
  /** "delivered 2", "retrying: HTTP 503", "1 given up: HTTP 404: no_service". */
  parts: string[];
}

export type NoteKind = 'no-notifier' | 'not-routed' | 'silenced' | 'acknowledged' | 'not-yet';

export interface NotifiedNote {
  kind: NoteKind;
  level: Level;
  text: string;
}

export interface NotificationTruth {
  lines: NotifiedLine[];
  notes: NotifiedNote[];
  /** A few words for a table cell. */
  short: string;
}

const OUTCOME_LEVEL: Record<NotifiedOutcome, Level> = { delivered: 'ok', sending: 'neutral', retrying: 'warn', failed: 'crit' };

export type AlertNotifiedPart = Pick<Alert, 'rule' | 'state' | 'acknowledgedAt' | 'delivery'>;

export function notificationTruth(alert: AlertNotifiedPart, notifiers: readonly NotifierInfo[]): NotificationTruth {
  const byId = new Map(notifiers.map((n) => [n.id, n]));
  const tallies = alert.delivery?.notifiers ?? [];
  const lines = tallies.filter((t) => !onlySkipped(t) && (t.queued ?? 0) > 0).map((t) => lineOf(t, byId.get(t.notifierId)));
  const skipped = tallies.filter(onlySkipped);
  const notes: NotifiedNote[] = [];

  if (notifiers.length === 0) {
    notes.push({ kind: 'no-notifier', level: 'warn', text: 'No notifier configured: nobody is told about this alert.' });
  } else if (skipped.length > 0) {
    const why = skipped.map((t) => [nameOf(t.notifierId, byId), reasonWords(t.skippedBecause, byId.get(t.notifierId), alert.rule)].filter(Boolean).join(' ')).join('; ');
    notes.push(
      lines.length === 0
        ? { kind: 'not-routed', level: 'warn', text: `Not routed to any notifier: ${why}.` }
        : { kind: 'not-routed', level: 'neutral', text: `Not routed to ${why}.` },
    );
  }
  const silenced = alert.delivery?.silenced ?? 0;
  if (silenced > 0) notes.push({ kind: 'silenced', level: 'neutral', text: `${fmtInt(silenced)} held back by a silence.` });
  // Only where reminders would have gone: acknowledging stops them, not the resolved notification.
  if (alert.state === 'firing' && alert.acknowledgedAt !== null && lines.length > 0) {
    notes.push({ kind: 'acknowledged', level: 'neutral', text: 'No more reminders (acknowledged); it still notifies when it resolves.' });
  }
  if (notifiers.length > 0 && lines.length === 0 && skipped.length === 0 && silenced === 0) {
    // Firing without counts: just raised (the outbox has not answered yet), or stored before alerts counted deliveries.
    notes.push({ kind: 'not-yet', level: 'neutral', text: alert.state === 'pending' ? 'Pending: no notification unless it fires.' : 'No delivery recorded yet.' });
  }
  return { lines, notes, short: shortOf(tallies, notes) };
}

function lineOf(t: NotifierTally, info: NotifierInfo | undefined): NotifiedLine {
  const delivered = t.delivered ?? 0;
  const failed = t.failed ?? 0;
  const pending = pendingOf(t);
  const parts: string[] = [];
  if (delivered > 0) parts.push(`delivered ${fmtInt(delivered)}`);
  if (pending > 0) parts.push(t.retryError ? `retrying: ${t.retryError}` : `${fmtInt(pending)} sending`);
  if (failed > 0) parts.push(`${fmtInt(failed)} given up${t.lastFailure ? `: ${t.lastFailure}` : ''}`);
  const outcome: NotifiedOutcome = failed > 0 ? 'failed' : pending > 0 && t.retryError ? 'retrying' : pending > 0 ? 'sending' : 'delivered';
  return { notifierId: t.notifierId, name: info ? info.name : `${t.notifierId} (no longer configured)`, outcome, level: OUTCOME_LEVEL[outcome], parts };
}

function nameOf(id: string, byId: ReadonlyMap<string, NotifierInfo>): string {
  return byId.get(id)?.name ?? id;
}

/** Why a notifier did not take it, from its settings as configured now. */
function reasonWords(because: SkipReason | undefined, info: NotifierInfo | undefined, rule: string): string {
  switch (because) {
    case 'below-min-severity':
      if (!info) return '(below its minimum severity)';
      return `(takes ${SEVERITY_WORD[info.minSeverity].toLowerCase()}${info.minSeverity === 'critical' ? ' only' : ' and above'})`;
    case 'not-in-notifier-rules':
      return '(its rules leave this one out)';
    case 'not-in-rule-notifiers':
      return `(the rule sends elsewhere: alerts.rules.${rule}.notifiers)`;
    case undefined:
      return '';
  }
}

/** Deliveries over all notifiers: "2 delivered · 1 failed"; else what the first note is about. */
function shortOf(tallies: readonly NotifierTally[], notes: readonly NotifiedNote[]): string {
  const sum = (f: (t: NotifierTally) => number) => tallies.reduce((n, t) => n + f(t), 0);
  const counts: Array<[number, string]> = [
    [sum((t) => t.delivered ?? 0), 'delivered'],
    [sum(pendingOf), 'pending'],
    [sum((t) => t.failed ?? 0), 'failed'],
  ];
  if (sum((t) => t.queued ?? 0) > 0) return counts.filter(([n]) => n > 0).map(([n, word]) => `${fmtInt(n)} ${word}`).join(' · ');
  const first = notes[0]?.kind;
  if (first === 'no-notifier') return 'no notifier';
  if (first === 'not-routed') return 'not routed';
  if (first === 'silenced') return 'silenced';
  return '—';
}
