/** Interim (branch log-parser owns this file). */
import type { BrokerFinding, LogLevel } from './finding';
export function parseBrokerLog(routingKey: string, node: string | null, body: string, at: number): BrokerFinding[] {
  return [{ kind: 'notice', at, node, level: routingKey as LogLevel, text: body }];
}
