import { describe, expect, it } from 'vitest';
import type { Alert, TargetState } from '../../../server/contract';
import { AlertEngine } from '../../../server/alerts/engine';
import type { EffectiveRule } from '../../../server/alerts/rules';
import { targetSummary } from '../builders';

const T0 = 1_795_000_000_000;

/** A rule whose condition always holds, reading the poll or not. */
const always = (id: string, usesPoll: boolean): EffectiveRule => ({
  id,
  title: id,
  severity: 'warning',
  forMs: 0,
  resolveAfterMs: 0,
  explanation: 'test rule',
  usesPoll,
  notifiers: null,
  evaluate: (ctx) => [{ object: { kind: 'target', id: ctx.target.id, label: ctx.target.displayName }, value: 'holds' }],
});

function setup() {
  const changed: Alert[] = [];
  const engine = new AlertEngine({
    rules: [always('reads-poll', true), always('reads-probe', false)],
    reminderIntervalMs: 3_600_000,
    targetNames: new Map([['local', 'localhost']]),
    onChange: (alerts) => changed.push(...alerts),
    notifiers: [],
    onNotify: () => {},
    now: () => T0,
  });
  const target: TargetState = { ...targetSummary({ observedAt: T0 }), connections: [], queues: [], probe: null };
  return { engine, target, changed };
}

describe('AlertEngine evaluation scope', () => {
  it("an update without a new poll ('non-poll') runs only the rules that do not read the poll", () => {
    const { engine, target, changed } = setup();
    engine.evaluateTarget(target, 'non-poll');
    expect(changed.map((a) => a.rule)).toEqual(['reads-probe']);
    engine.evaluateTarget(target, 'all');
    expect(engine.list().map((a) => a.rule).sort()).toEqual(['reads-poll', 'reads-probe']);
  });
});
