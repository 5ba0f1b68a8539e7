import type { RuleOverride } from '../../config/schema';
import { closestName } from '../../shared/closest-name';
import { DEFAULT_RULES } from './defaults';
import type { Condition, EvalContext, RuleDefinition } from './types';

/**
 * One problem with the config's `alerts.rules`, at its path below
 * `alerts.rules`. `about` says whether the name or the value is wrong: for a
 * misspelt name the value is beside the point.
 */
export interface OverrideIssue {
  path: [string, ...string[]];
  message: string;
  about: 'name' | 'value';
}

/**
 * Checks the config's rule overrides against the rules themselves. A rule
 * that does not exist or a parameter it does not have is most likely a typo,
 * which would otherwise silently keep the default; a value outside the
 * parameter's range would leave a rule that never, or always, holds.
 */
export function overrideIssues(overrides: Readonly<Record<string, Pick<RuleOverride, 'params'>>>, rules: readonly RuleDefinition[]): OverrideIssue[] {
  const known = rules.map((r) => r.id);
  return Object.entries(overrides).flatMap(([id, override]): OverrideIssue[] => {
    const rule = rules.find((r) => r.id === id);
    if (!rule) return [{ path: [id], about: 'name', message: `no such rule${hint(id, known)}; known rules: ${known.join(', ')}` }];
    return Object.entries(override.params ?? {}).flatMap(([name, value]) => paramIssues(rule, name, value));
  });
}

function paramIssues(rule: RuleDefinition, name: string, value: number): OverrideIssue[] {
  const path: OverrideIssue['path'] = [rule.id, 'params', name];
  const names = Object.keys(rule.params);
  const schema = rule.params[name];
  if (!schema) {
    const message = names.length ? `no such parameter${hint(name, names)}; ${rule.id} takes ${names.join(', ')}` : `no such parameter; ${rule.id} takes none, so remove its params`;
    return [{ path, about: 'name', message }];
  }
  // The param's own message says what to write (params.ts); zod's others would only repeat it.
  const problem = schema.safeParse(value).error?.issues[0];
  return problem ? [{ path, about: 'value', message: problem.message }] : [];
}

/** ` (did you mean x?)` when a known name is a likely typo of `name`. */
function hint(name: string, known: readonly string[]): string {
  const near = closestName(name, known);
  return near ? ` (did you mean ${near}?)` : '';
}

/** A rule with the config file's overrides applied, its parameters bound into its evaluator. */
export interface EffectiveRule extends Omit<RuleDefinition, 'params' | 'bind'> {
  notifiers: string[] | null;
  evaluate(ctx: EvalContext): Condition[];
}

/** Applies the config's overrides (already checked by loadConfig; checked again for any other caller). */
export function effectiveRules(overrides: Readonly<Record<string, RuleOverride>>, rules: readonly RuleDefinition[] = DEFAULT_RULES): EffectiveRule[] {
  const issue = overrideIssues(overrides, rules)[0];
  if (issue) throw new Error(`alerts.rules.${issue.path.join('.')}: ${issue.message}`);
  return rules
    .filter((r) => overrides[r.id]?.enabled !== false)
    .map(({ params: _shape, bind, ...rule }) => {
      const o = overrides[rule.id] ?? {};
      return {
        ...rule,
        severity: o.severity ?? rule.severity,
        forMs: o.forMs ?? rule.forMs,
        resolveAfterMs: o.resolveAfterMs ?? rule.resolveAfterMs,
        notifiers: o.notifiers ?? null,
        evaluate: bind(o.params ?? {}),
      };
    });
}
