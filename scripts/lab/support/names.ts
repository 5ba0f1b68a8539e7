import { randomBytes } from 'node:crypto';

/** `lab.<scenario>.<6 hex>`: one prefix to find (and clean) everything the lab made. */
export function labQueueName(scenario: string): string {
  return `lab.${scenario}.${randomBytes(3).toString('hex')}`;
}

/** Connection names all start with `lab-`, so the dashboard and checks can pick them out. */
export function labConnectionName(scenario: string, role?: string): string {
  return role ? `lab-${scenario}-${role}` : `lab-${scenario}`;
}
