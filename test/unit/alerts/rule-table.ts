import { describe, expect, it } from 'vitest';
import type { PulseEvent, Severity, TargetState, TargetStatusKind } from '../../../server/contract';
import { isJudged } from '../../../server/alerts/rules/judged';
import type { Condition, EvalContext, RuleDefinition } from '../../../server/alerts/rules/types';
import { targetState } from '../builders';

/**
 * Table-driven rule tests: each row is what one rule sees of one target
 * (state, earlier polls, recent events, params) and what it makes of it —
 * the value text of every object its condition holds for, or "not judged"
 * when the engine would not ask it at all.
 */

/** The builders' poll time; rows place events and earlier polls relative to it. */
export const NOW = 1_000_000;

/** A rule that reads the poll is not judged while the poll fails or has not run: its alerts are held as they are. */
export const NOT_JUDGED = 'not judged: poll blind';

export interface RuleRow {
  name: string;
  /** The target as the rule sees it; by default healthy, polled at NOW, with nothing on it. */
  target?: TargetState;
  /** Earlier polls as [ms before NOW, target], oldest first: what growth rules compare with. */
  earlier?: Array<[number, TargetState]>;
  events?: PulseEvent[];
  /** Overrides of the rule's defaults, as in the config file. */
  params?: Record<string, number>;
  /** The value text of each object the condition holds for ([] = none), or NOT_JUDGED. */
  holds: string[] | typeof NOT_JUDGED;
  /** `kind:id` of each object, for rows about which object an alert is on. */
  objects?: string[];
  /** Each condition's own severity, for rules that escalate. */
  severities?: Array<Severity | undefined>;
}

export interface RuleTable {
  rule: RuleDefinition;
  rows: RuleRow[];
}

/** The target with its poll failing (`timeout`, last good data still shown) or not yet run (`starting`). */
export function pollBlind(target: TargetState, kind: TargetStatusKind = 'timeout'): TargetState {
  return { ...target, status: { ...target.status, kind, message: `Poll ${kind}.` } };
}

/** What the engine would get from the rule for this row: via its gate, its memory of earlier polls, and bound params. */
export function judge(rule: RuleDefinition, row: RuleRow): Condition[] | typeof NOT_JUDGED {
  const target = row.target ?? targetState();
  if (!isJudged(rule, target, 'all')) return NOT_JUDGED;
  const memory = new Map<string, Array<{ at: number; value: number }>>();
  for (const [ago, earlier] of row.earlier ?? []) {
    for (const o of rule.observe?.(earlier) ?? []) memory.set(o.key, [...(memory.get(o.key) ?? []), { at: NOW - ago, value: o.value }]);
  }
  const ctx: EvalContext = { now: NOW, target, events: row.events ?? [], history: (key) => memory.get(key) ?? [] };
  return rule.bind(row.params ?? {})(ctx);
}

/** One describe per rule, one test per row. */
export function describeRuleTables(tables: readonly RuleTable[]): void {
  for (const { rule, rows } of tables) {
    describe(rule.id, () => {
      it.each(rows)('$name', (row) => {
        const result = judge(rule, row);
        if (result === NOT_JUDGED || row.holds === NOT_JUDGED) {
          expect(result).toBe(row.holds);
          return;
        }
        expect(result.map((c) => c.value)).toEqual(row.holds);
        if (row.objects) expect(result.map((c) => `${c.object.kind}:${c.object.id}`)).toEqual(row.objects);
        if (row.severities) expect(result.map((c) => c.severity)).toEqual(row.severities);
      });
    });
  }
}
