import type { Alert, DeliveryKind, Severity } from '../../contract';
import type { NotifierConfig } from '../types';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * Whether a notifier wants this notification: at least its `minSeverity`, and
 * one of its `rules` when it lists any. Tests always pass, so "send test"
 * proves the route even for a notifier that filters everything else.
 */
export function accepts(config: Pick<NotifierConfig, 'minSeverity' | 'rules'>, alert: Pick<Alert, 'severity' | 'rule'>, kind: DeliveryKind): boolean {
  if (kind === 'test') return true;
  if (RANK[alert.severity] < RANK[config.minSeverity]) return false;
  return config.rules === null || config.rules.includes(alert.rule);
}
