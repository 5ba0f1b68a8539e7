/**
 * Objects made by rabbitpulse's own lab (`npm run lab`, scripts/lab/):
 * connection names start `lab-`, queue names `lab.` (scripts/lab/support/names.ts
 * builds them from these prefixes).
 *
 * Findings about them are marked as the lab's, not dropped: each scenario
 * exists to make the dashboard raise a finding (connection-churn raises
 * churn, transient-in-durable a durability mismatch), and an application of
 * the user's own may happen to use the same prefix, so leaving them out
 * could hide a real problem. Marked, a user can tell the lab's findings
 * from their applications' at a glance.
 */
export const LAB_CONNECTION_PREFIX = 'lab-';
export const LAB_QUEUE_PREFIX = 'lab.';

export function isLabConnectionName(name: string | null | undefined): boolean {
  return (name ?? '').startsWith(LAB_CONNECTION_PREFIX);
}

export function isLabQueueName(name: string): boolean {
  return name.startsWith(LAB_QUEUE_PREFIX);
}
