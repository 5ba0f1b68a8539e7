import { describe, expect, it } from 'vitest';
import type { Alert, AlertDelivery, NotifierInfo } from '../../../server/contract';
import { notificationTruth, type AlertNotifiedPart, type NotifiedLine, type NotifiedNote } from '../../../components/alerts/notification-truth';

const HOOK: NotifierInfo = { id: 'hook', kind: 'webhook', name: 'Ops hook', destination: 'hooks.example.com', minSeverity: 'info', rules: null };
const PAGER: NotifierInfo = { id: 'pager', kind: 'pagerduty', name: 'On-call', destination: 'events.pagerduty.com', minSeverity: 'critical', rules: null };
const TEAM: NotifierInfo = { id: 'team', kind: 'slack', name: 'Team chat', destination: 'hooks.slack.com', minSeverity: 'warning', rules: ['heartbeat-close'] };

const firing = (delivery?: AlertDelivery, over: Partial<Alert> = {}): AlertNotifiedPart => ({
  rule: 'unacked-growth',
  state: 'firing',
  acknowledgedAt: null,
  ...(delivery ? { delivery } : {}),
  ...over,
});

type Row = {
  name: string;
  alert: AlertNotifiedPart;
  notifiers: NotifierInfo[];
  lines: Array<Pick<NotifiedLine, 'notifierId' | 'name' | 'outcome' | 'parts'>>;
  notes: Array<Pick<NotifiedNote, 'kind' | 'text'>>;
  short: string;
};

/**
 * What the card and the resolved table say, for each thing that can happen
 * to an alert's notifications. Issue 15 found "1 notification sent" with no
 * notifier configured: the first rows are that case.
 */
const TABLE: Row[] = [
  {
    name: 'no notifier configured, alert firing: says so, never "sent"',
    alert: firing(),
    notifiers: [],
    lines: [],
    notes: [{ kind: 'no-notifier', text: 'No notifier configured: nobody is told about this alert.' }],
    short: 'no notifier',
  },
  {
    name: 'no notifier configured, alert pending',
    alert: firing(undefined, { state: 'pending' }),
    notifiers: [],
    lines: [],
    notes: [{ kind: 'no-notifier', text: 'No notifier configured: nobody is told about this alert.' }],
    short: 'no notifier',
  },
  {
    name: 'a notifier configured, alert still pending',
    alert: firing(undefined, { state: 'pending' }),
    notifiers: [HOOK],
    lines: [],
    notes: [{ kind: 'not-yet', text: 'Pending: no notification unless it fires.' }],
    short: '—',
  },
  {
    name: 'a notifier configured, alert firing, nothing counted yet (just raised, or stored before counts existed)',
    alert: firing(),
    notifiers: [HOOK],
    lines: [],
    notes: [{ kind: 'not-yet', text: 'No delivery recorded yet.' }],
    short: '—',
  },
  {
    name: 'delivered to one notifier',
    alert: firing({ notifiers: [{ notifierId: 'hook', queued: 2, delivered: 2 }] }),
    notifiers: [HOOK],
    lines: [{ notifierId: 'hook', name: 'Ops hook', outcome: 'delivered', parts: ['delivered 2'] }],
    notes: [],
    short: '2 delivered',
  },
  {
    name: 'queued, not attempted yet',
    alert: firing({ notifiers: [{ notifierId: 'hook', queued: 1 }] }),
    notifiers: [HOOK],
    lines: [{ notifierId: 'hook', name: 'Ops hook', outcome: 'sending', parts: ['1 sending'] }],
    notes: [],
    short: '1 pending',
  },
  {
    name: 'delivered once, now retrying a reminder',
    alert: firing({ notifiers: [{ notifierId: 'hook', queued: 2, delivered: 1, retryError: 'HTTP 503' }] }),
    notifiers: [HOOK],
    lines: [{ notifierId: 'hook', name: 'Ops hook', outcome: 'retrying', parts: ['delivered 1', 'retrying: HTTP 503'] }],
    notes: [],
    short: '1 delivered · 1 pending',
  },
  {
    name: 'given up, with the reason',
    alert: firing({ notifiers: [{ notifierId: 'hook', queued: 1, failed: 1, lastFailure: 'HTTP 404: no_service' }] }),
    notifiers: [HOOK],
    lines: [{ notifierId: 'hook', name: 'Ops hook', outcome: 'failed', parts: ['1 given up: HTTP 404: no_service'] }],
    notes: [],
    short: '1 failed',
  },
  {
    name: 'notifiers configured, none routed: each named with why',
    alert: firing({
      notifiers: [
        { notifierId: 'pager', skipped: 1, skippedBecause: 'below-min-severity' },
        { notifierId: 'team', skipped: 1, skippedBecause: 'not-in-notifier-rules' },
      ],
    }),
    notifiers: [PAGER, TEAM],
    lines: [],
    notes: [{ kind: 'not-routed', text: 'Not routed to any notifier: On-call (takes critical only); Team chat (its rules leave this one out).' }],
    short: 'not routed',
  },
  {
    name: "routed to one, not to another because of the rule's own notifiers list",
    alert: firing({ notifiers: [{ notifierId: 'hook', queued: 1, delivered: 1 }, { notifierId: 'team', skipped: 1, skippedBecause: 'not-in-rule-notifiers' }] }),
    notifiers: [HOOK, TEAM],
    lines: [{ notifierId: 'hook', name: 'Ops hook', outcome: 'delivered', parts: ['delivered 1'] }],
    notes: [{ kind: 'not-routed', text: 'Not routed to Team chat (the rule sends elsewhere: alerts.rules.unacked-growth.notifiers).' }],
    short: '1 delivered',
  },
  {
    name: 'below a warning-and-above notifier',
    alert: firing({ notifiers: [{ notifierId: 'team', skipped: 2, skippedBecause: 'below-min-severity' }] }),
    notifiers: [TEAM],
    lines: [],
    notes: [{ kind: 'not-routed', text: 'Not routed to any notifier: Team chat (takes warning and above).' }],
    short: 'not routed',
  },
  {
    name: 'silenced when it fired',
    alert: firing({ notifiers: [], silenced: 1 }),
    notifiers: [HOOK],
    lines: [],
    notes: [{ kind: 'silenced', text: '1 held back by a silence.' }],
    short: 'silenced',
  },
  {
    name: 'acknowledged after its firing was delivered: no more reminders, said so',
    alert: firing({ notifiers: [{ notifierId: 'hook', queued: 1, delivered: 1 }] }, { acknowledgedAt: 1 }),
    notifiers: [HOOK],
    lines: [{ notifierId: 'hook', name: 'Ops hook', outcome: 'delivered', parts: ['delivered 1'] }],
    notes: [{ kind: 'acknowledged', text: 'No more reminders (acknowledged); it still notifies when it resolves.' }],
    short: '1 delivered',
  },
  {
    name: 'a notifier removed from the config since: still counted, named by id',
    alert: firing({ notifiers: [{ notifierId: 'old', queued: 1, delivered: 1 }] }),
    notifiers: [HOOK],
    lines: [{ notifierId: 'old', name: 'old (no longer configured)', outcome: 'delivered', parts: ['delivered 1'] }],
    notes: [],
    short: '1 delivered',
  },
];

describe('notificationTruth: what an alert card says about its notifications', () => {
  it.each(TABLE)('$name', ({ alert, notifiers, lines, notes, short }) => {
    const truth = notificationTruth(alert, notifiers);
    expect(truth.lines.map(({ notifierId, name, outcome, parts }) => ({ notifierId, name, outcome, parts }))).toEqual(lines);
    expect(truth.notes.map(({ kind, text }) => ({ kind, text }))).toEqual(notes);
    expect(truth.short).toBe(short);
  });

  it('never words a raised-but-undelivered notification as sent', () => {
    for (const row of TABLE) {
      const truth = notificationTruth(row.alert, row.notifiers);
      const words = [...truth.lines.flatMap((l) => l.parts), ...truth.notes.map((n) => n.text), truth.short].join(' ');
      expect(words, row.name).not.toMatch(/\bsent\b/);
    }
  });
});
