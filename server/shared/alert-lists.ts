import type { DeliveryStatus } from '../contract';

/**
 * How the lists of the alerting side are kept, the same on the server (what
 * a snapshot and GET /api/v1/alerts hold) and in the browser (what a tab open
 * for a week keeps).
 */

/** Resolved alerts are history for a day, then forgotten. */
export const RESOLVED_ALERT_WINDOW_MS = 24 * 3_600_000;

/** Deliveries kept: enough to see what happened lately. */
export const RECENT_DELIVERIES = 200;

/**
 * The newest `max` deliveries, newest first; when there are more, the oldest
 * delivered or pending ones go before any failure, because failures are what
 * someone must look at.
 */
export function keepRecentDeliveries(deliveries: readonly DeliveryStatus[], max = RECENT_DELIVERIES): DeliveryStatus[] {
  const newestFirst = [...deliveries].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const excess = newestFirst.length - max;
  if (excess <= 0) return newestFirst;
  const drop = new Set<string>();
  for (let i = newestFirst.length - 1; i >= 0 && drop.size < excess; i--) if (newestFirst[i]!.state !== 'failed') drop.add(newestFirst[i]!.id);
  for (let i = newestFirst.length - 1; i >= 0 && drop.size < excess; i--) drop.add(newestFirst[i]!.id);
  return newestFirst.filter((d) => !drop.has(d.id));
}
