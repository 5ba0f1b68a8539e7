import type { RuleOverride } from '../../config/schema';
import type { Severity } from '../../contract';
import { connectionBlocked, heartbeatClose, heartbeatMargin, socketBackpressure, unboundedPrefetch } from './connection-rules';
import { backlogWithoutConsumers, durabilityMismatch, redeliveryLoop, slowConsumers, unackedGrowth } from './queue-rules';
import { connectionChurn, eventExchangeDisabled, fileDescriptors, largeMessageFailure, managementUnavailable, nodeAlarm, probeReset, resetBurst, roundTripSlow } from './target-rules';
import type { RuleDefinition } from './types';

/** Every default rule, in the order the README lists them. */
export const DEFAULT_RULES: readonly RuleDefinition[] = [
  heartbeatMargin,
  heartbeatClose,
  probeReset,
  resetBurst,
  connectionChurn,
  unboundedPrefetch,
  socketBackpressure,
  unackedGrowth,
  redeliveryLoop,
  backlogWithoutConsumers,
  slowConsumers,
  roundTripSlow,
  largeMessageFailure,
  nodeAlarm,
  connectionBlocked,
  fileDescriptors,
  managementUnavailable,
  eventExchangeDisabled,
  durabilityMismatch,
];

/** A rule with the config file's overrides applied. */
export interface EffectiveRule extends RuleDefinition {
  notifiers: string[] | null;
}

/**
 * Applies overrides from the config file. An override for a rule that does
 * not exist, or a parameter the rule does not have, is a config error (a
 * typo would otherwise silently keep the default).
 */
export function effectiveRules(overrides: Record<string, RuleOverride>, rules: readonly RuleDefinition[] = DEFAULT_RULES): EffectiveRule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [id, o] of Object.entries(overrides)) {
    const rule = byId.get(id);
    if (!rule) throw new Error(`alerts.rules.${id}: no such rule; known rules: ${[...byId.keys()].join(', ')}`);
    for (const key of Object.keys(o.params ?? {})) {
      if (!(key in rule.params)) throw new Error(`alerts.rules.${id}.params.${key}: no such parameter; this rule has ${Object.keys(rule.params).join(', ') || 'none'}`);
    }
  }
  return rules
    .filter((r) => overrides[r.id]?.enabled !== false)
    .map((r) => {
      const o = overrides[r.id] ?? {};
      return {
        ...r,
        severity: (o.severity as Severity | undefined) ?? r.severity,
        forMs: o.forMs ?? r.forMs,
        resolveAfterMs: o.resolveAfterMs ?? r.resolveAfterMs,
        params: { ...r.params, ...(o.params ?? {}) },
        notifiers: o.notifiers ?? null,
      };
    });
}
