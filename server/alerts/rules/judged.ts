import type { TargetState } from '../../contract';
import type { RuleDefinition } from './types';

/** 'non-poll': an update that carries no new poll (probe results, events). */
export type EvalScope = 'all' | 'non-poll';

/**
 * Whether a rule is judged on this update of a target. A rule that reads the
 * poll is not judged while the target's poll is failing or has not yet run —
 * its alerts are held as they are, since a blind spot must neither resolve nor
 * raise them — nor on an update without a new poll, which would show it the
 * same data again.
 */
export function isJudged(rule: Pick<RuleDefinition, 'usesPoll'>, target: Pick<TargetState, 'status'>, scope: EvalScope): boolean {
  return !rule.usesPoll || (scope === 'all' && target.status.kind === 'ok');
}
