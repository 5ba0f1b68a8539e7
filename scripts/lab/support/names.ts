import { randomBytes } from 'node:crypto';
import { LAB_CONNECTION_PREFIX, LAB_QUEUE_PREFIX } from '../../../server/shared/lab-objects';

/** `lab.<scenario>.<6 hex>`: one prefix to find (and clean) everything the lab made; the dashboard marks them as the lab's. */
export function labQueueName(scenario: string): string {
  return `${LAB_QUEUE_PREFIX}${scenario}.${randomBytes(3).toString('hex')}`;
}

/** Connection names all start with `lab-`, so the dashboard and checks can pick them out. */
export function labConnectionName(scenario: string, role?: string): string {
  return role ? `${LAB_CONNECTION_PREFIX}${scenario}-${role}` : `${LAB_CONNECTION_PREFIX}${scenario}`;
}
