import type { Alert, DeliveryKind, Severity, SkipReason } from '../../contract';
import type { NotifierConfig } from '../types';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** What routing reads of a notifier: never its URL or secret. */
export type RouteConfig = Pick<NotifierConfig, 'id' | 'minSeverity' | 'rules'>;

/**
 * Whether a notifier wants this notification: at least its `minSeverity`, and
 * one of its `rules` when it lists any. Tests always pass, so "send test"
 * proves the route even for a notifier that filters everything else.
 */
export function accepts(config: Pick<NotifierConfig, 'minSeverity' | 'rules'>, alert: Pick<Alert, 'severity' | 'rule'>, kind: DeliveryKind): boolean {
  return notifierSkips(config, alert, kind) === null;
}

function notifierSkips(config: Pick<NotifierConfig, 'minSeverity' | 'rules'>, alert: Pick<Alert, 'severity' | 'rule'>, kind: DeliveryKind): SkipReason | null {
  if (kind === 'test') return null;
  if (RANK[alert.severity] < RANK[config.minSeverity]) return 'below-min-severity';
  if (config.rules !== null && !config.rules.includes(alert.rule)) return 'not-in-notifier-rules';
  return null;
}

export interface Route {
  /** Notifier ids to hand the notification to, in config order. */
  to: string[];
  /** The others, each with the reason, so an alert can say why nobody was told. */
  skipped: Array<{ notifierId: string; because: SkipReason }>;
}

/**
 * Where one notification goes: every configured notifier that the rule's own
 * `notifiers` list (null = all) names and whose filters accept the alert.
 */
export function route(notifiers: readonly RouteConfig[], ruleNotifiers: readonly string[] | null, alert: Pick<Alert, 'severity' | 'rule'>, kind: DeliveryKind): Route {
  const out: Route = { to: [], skipped: [] };
  for (const n of notifiers) {
    const because = ruleNotifiers !== null && !ruleNotifiers.includes(n.id) ? 'not-in-rule-notifiers' : notifierSkips(n, alert, kind);
    if (because === null) out.to.push(n.id);
    else out.skipped.push({ notifierId: n.id, because });
  }
  return out;
}
