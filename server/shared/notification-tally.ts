import type { AlertDelivery, DeliveryStatus, NotifierTally, SkipReason } from '../contract';

/**
 * Counting what became of one alert episode's notifications (the alert's
 * `delivery`), as pure functions: the engine applies each routing decision
 * and each delivery status the outbox reports, and the UI reads the result.
 * Every function returns its input unchanged (the same object) when there is
 * nothing to count, so the engine can tell a real change by identity.
 */

/** Notifications queued for this notifier and not yet delivered or given up: being sent, or waiting to retry. */
export function pendingOf(t: NotifierTally): number {
  return Math.max(0, (t.queued ?? 0) - (t.delivered ?? 0) - (t.failed ?? 0));
}

/** Notifiers that were handed nothing of this episode, only skipped it. */
export function onlySkipped(t: NotifierTally): boolean {
  return (t.queued ?? 0) === 0 && (t.skipped ?? 0) > 0;
}

/** One raised notification that these notifiers did not get. */
export function withSkips(d: AlertDelivery | undefined, skipped: ReadonlyArray<{ notifierId: string; because: SkipReason }>): AlertDelivery | undefined {
  let out = d;
  for (const s of skipped) out = withTally(out, s.notifierId, (t) => ({ ...t, skipped: (t.skipped ?? 0) + 1, skippedBecause: s.because }));
  return out;
}

/** A firing or resolved notification a silence held back. */
export function withSilenced(d: AlertDelivery | undefined): AlertDelivery {
  const base = d ?? { notifiers: [] };
  return { ...base, silenced: (base.silenced ?? 0) + 1 };
}

/**
 * One status of one outbox item, as the delivery loop reports it: first when
 * it is written (pending, no attempt yet), then after every attempt. Each
 * item reports one of its ends (delivered or failed) once, so counting ends
 * counts items.
 */
export function withStatus(d: AlertDelivery | undefined, s: Pick<DeliveryStatus, 'notifierId' | 'state' | 'attempts' | 'lastError'>): AlertDelivery | undefined {
  switch (s.state) {
    case 'pending':
      if (s.attempts === 0) return withTally(d, s.notifierId, (t) => ({ ...t, queued: (t.queued ?? 0) + 1 }));
      // A retry is coming. Items of one notifier and alert go one at a time, oldest first
      // (delivery/order.ts), so the error is that of the oldest pending one.
      return s.lastError === null ? d : withTally(d, s.notifierId, (t) => (t.retryError === s.lastError ? t : { ...t, retryError: s.lastError! }));
    case 'delivered':
      return withTally(d, s.notifierId, (t) => ({ ...settled(t), delivered: (t.delivered ?? 0) + 1 }));
    case 'failed': {
      const failed = (t: NotifierTally): NotifierTally => ({ ...settled(t), failed: (t.failed ?? 0) + 1 });
      return withTally(d, s.notifierId, (t) => (s.lastError === null ? failed(t) : { ...failed(t), lastFailure: s.lastError }));
    }
  }
}

/** The oldest pending item settled: its retry error is no longer news. */
function settled(t: NotifierTally): NotifierTally {
  const { retryError: _done, ...rest } = t;
  return rest;
}

function withTally(d: AlertDelivery | undefined, notifierId: string, change: (t: NotifierTally) => NotifierTally): AlertDelivery | undefined {
  const base = d ?? { notifiers: [] };
  const before = base.notifiers.find((t) => t.notifierId === notifierId);
  const after = change(before ?? { notifierId });
  if (after === before) return d;
  return { ...base, notifiers: before ? base.notifiers.map((t) => (t === before ? after : t)) : [...base.notifiers, after] };
}
