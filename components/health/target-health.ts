import type { HealthLevel, TargetHealth } from '../../server/contract';
import type { Level } from './level';

/**
 * How a target's health (server/shared/target-health.ts, derived once on the
 * server) is drawn. `info` is nothing wrong (the broker log is off by
 * default), so it looks like ok; `unknown` is not known yet.
 */
export const HEALTH_BADGE_LEVEL: Record<HealthLevel, Level> = { ok: 'ok', info: 'ok', unknown: 'neutral', warn: 'warn', crit: 'crit' };

/** Whether the health names a problem (or that it cannot tell yet), so its reasons lead. */
export function healthNeedsWords(health: TargetHealth): boolean {
  return health.level === 'warn' || health.level === 'crit' || health.level === 'unknown';
}

/** "critical — probe down: credentials refused" (the most severe reason), or just "ok". */
export function healthHeadline(health: TargetHealth): string {
  const first = health.reasons[0];
  return healthNeedsWords(health) && first !== undefined ? `${health.word} — ${first}` : health.word;
}
