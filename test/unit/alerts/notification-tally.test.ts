import { describe, expect, it } from 'vitest';
import type { AlertDelivery, DeliveryStatus, SkipReason } from '../../../server/contract';
import { onlySkipped, pendingOf, withSilenced, withSkips, withStatus } from '../../../server/shared/notification-tally';

/** What happens to one alert episode's notifications, one step at a time. */
type Step =
  | { queued: string }
  | { retry: string; error: string | null; attempt?: number }
  | { delivered: string }
  | { failed: string; error: string | null }
  | { skipped: Array<[string, SkipReason]> }
  | 'silenced';

function status(notifierId: string, state: DeliveryStatus['state'], attempts: number, lastError: string | null) {
  return { notifierId, state, attempts, lastError };
}

function apply(steps: readonly Step[]): AlertDelivery | undefined {
  let d: AlertDelivery | undefined;
  for (const s of steps) {
    if (s === 'silenced') d = withSilenced(d);
    else if ('queued' in s) d = withStatus(d, status(s.queued, 'pending', 0, null));
    else if ('retry' in s) d = withStatus(d, status(s.retry, 'pending', s.attempt ?? 1, s.error));
    else if ('delivered' in s) d = withStatus(d, status(s.delivered, 'delivered', 1, null));
    else if ('failed' in s) d = withStatus(d, status(s.failed, 'failed', 3, s.error));
    else d = withSkips(d, s.skipped.map(([notifierId, because]) => ({ notifierId, because })));
  }
  return d;
}

const TABLE: Array<{ name: string; steps: Step[]; expected: AlertDelivery | undefined; pending?: Record<string, number> }> = [
  { name: 'nothing happened', steps: [], expected: undefined },
  {
    name: 'queued, then delivered',
    steps: [{ queued: 'hook' }, { delivered: 'hook' }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 1, delivered: 1 }] },
    pending: { hook: 0 },
  },
  {
    name: 'queued and not yet attempted: pending, no error',
    steps: [{ queued: 'hook' }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 1 }] },
    pending: { hook: 1 },
  },
  {
    name: 'retrying: the latest attempt error is kept while the retry is due, and dropped once it is delivered',
    steps: [{ queued: 'hook' }, { retry: 'hook', error: 'HTTP 500' }, { retry: 'hook', error: 'HTTP 503', attempt: 2 }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 1, retryError: 'HTTP 503' }] },
    pending: { hook: 1 },
  },
  {
    name: 'retried, then delivered',
    steps: [{ queued: 'hook' }, { retry: 'hook', error: 'HTTP 500' }, { delivered: 'hook' }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 1, delivered: 1 }] },
    pending: { hook: 0 },
  },
  {
    name: 'given up: counted as failed, with its reason, and no longer pending',
    steps: [{ queued: 'hook' }, { retry: 'hook', error: 'HTTP 503' }, { failed: 'hook', error: 'gave up after 3 attempts in 6 s: HTTP 503' }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 1, failed: 1, lastFailure: 'gave up after 3 attempts in 6 s: HTTP 503' }] },
    pending: { hook: 0 },
  },
  {
    name: 'firing delivered, resolved given up: both counted',
    steps: [{ queued: 'hook' }, { delivered: 'hook' }, { queued: 'hook' }, { failed: 'hook', error: 'HTTP 404: no_service' }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 2, delivered: 1, failed: 1, lastFailure: 'HTTP 404: no_service' }] },
    pending: { hook: 0 },
  },
  {
    name: 'per notifier: one delivers, the other keeps failing',
    steps: [{ queued: 'hook' }, { queued: 'chat' }, { delivered: 'hook' }, { retry: 'chat', error: 'network error: ECONNREFUSED' }],
    expected: {
      notifiers: [
        { notifierId: 'hook', queued: 1, delivered: 1 },
        { notifierId: 'chat', queued: 1, retryError: 'network error: ECONNREFUSED' },
      ],
    },
    pending: { hook: 0, chat: 1 },
  },
  {
    name: 'not routed: each skip counted with its latest reason',
    steps: [{ skipped: [['pager', 'below-min-severity'], ['team', 'not-in-notifier-rules']] }, { skipped: [['pager', 'not-in-rule-notifiers']] }],
    expected: {
      notifiers: [
        { notifierId: 'pager', skipped: 2, skippedBecause: 'not-in-rule-notifiers' },
        { notifierId: 'team', skipped: 1, skippedBecause: 'not-in-notifier-rules' },
      ],
    },
    pending: { pager: 0, team: 0 },
  },
  {
    name: 'silenced firing and resolved: counted apart from any notifier',
    steps: ['silenced', 'silenced'],
    expected: { notifiers: [], silenced: 2 },
  },
  {
    name: 'a retry status without an error changes nothing',
    steps: [{ queued: 'hook' }, { retry: 'hook', error: null }],
    expected: { notifiers: [{ notifierId: 'hook', queued: 1 }] },
  },
];

describe('notification tally (an alert episode’s `delivery`)', () => {
  it.each(TABLE)('$name', ({ steps, expected, pending }) => {
    const d = apply(steps);
    expect(d).toEqual(expected);
    for (const [id, n] of Object.entries(pending ?? {})) expect(pendingOf(d!.notifiers.find((t) => t.notifierId === id)!), id).toBe(n);
  });

  it('returns the same object when a status changes nothing, so the engine publishes nothing', () => {
    const d = apply([{ queued: 'hook' }, { retry: 'hook', error: 'HTTP 500' }])!;
    expect(withStatus(d, status('hook', 'pending', 2, 'HTTP 500'))).toBe(d);
    expect(withStatus(d, status('hook', 'pending', 2, null))).toBe(d);
    expect(withSkips(d, [])).toBe(d);
    expect(withStatus(d, status('hook', 'delivered', 2, null))).not.toBe(d);
  });

  it('never counts below zero pending, even if an end is reported for an item it never saw queued (stored before a restart)', () => {
    const d = apply([{ delivered: 'hook' }])!;
    expect(d.notifiers[0]).toEqual({ notifierId: 'hook', delivered: 1 });
    expect(pendingOf(d.notifiers[0]!)).toBe(0);
  });

  it.each([
    [{ notifierId: 'a', skipped: 1 }, true],
    [{ notifierId: 'a', skipped: 1, queued: 1 }, false],
    [{ notifierId: 'a', queued: 1 }, false],
    [{ notifierId: 'a' }, false],
  ])('onlySkipped(%j) = %s', (t, expected) => {
    expect(onlySkipped(t)).toBe(expected);
  });
});
