import { describe, expect, it } from 'vitest';
import { effectiveRules } from '../../../server/alerts/rules';
import { channelHealth, connectionHealth, consumerHealth, targetState } from '../builders';

/** A connection holding `unacked` messages on a prefetch-0, manual-ack channel. */
const holding = (unacked: number) =>
  targetState({ connections: [connectionHealth({ channels: [channelHealth({ prefetch: 0, unacked, consumers: [consumerHealth({ prefetch: 0 })] })] })] });
const ctx = (unacked: number) => ({ now: 1_000_000, target: holding(unacked), events: [], history: () => [] });
const prefetchRule = (overrides: Parameters<typeof effectiveRules>[0]) => effectiveRules(overrides).find((r) => r.id === 'unbounded-prefetch');

describe('effectiveRules', () => {
  it('binds the defaults when nothing is overridden', () => {
    const rule = prefetchRule({});
    expect(rule?.evaluate(ctx(100))).toEqual([]);
    expect(rule?.evaluate(ctx(101))).toHaveLength(1);
  });

  it("binds a param override into the rule's evaluator", () => {
    const rule = prefetchRule({ 'unbounded-prefetch': { params: { unacked: 10 } } });
    expect(rule?.evaluate(ctx(10))).toEqual([]);
    expect(rule?.evaluate(ctx(11))).toHaveLength(1);
  });

  it('applies severity, timings and notifiers, and leaves the rest as defined', () => {
    const rule = prefetchRule({ 'unbounded-prefetch': { severity: 'critical', forMs: 1, resolveAfterMs: 2, notifiers: ['oncall'] } });
    expect(rule).toMatchObject({ id: 'unbounded-prefetch', title: 'Unbounded prefetch', severity: 'critical', forMs: 1, resolveAfterMs: 2, notifiers: ['oncall'], usesPoll: true });
    expect(prefetchRule({})?.notifiers).toBeNull();
  });

  it('leaves out a disabled rule', () => {
    expect(prefetchRule({ 'unbounded-prefetch': { enabled: false } })).toBeUndefined();
  });

  // loadConfig has checked the config's overrides already; any other caller gets the same line.
  it.each([
    [{ 'unbounded-prefech': {} }, 'alerts.rules.unbounded-prefech: no such rule (did you mean unbounded-prefetch?)'],
    [{ 'unbounded-prefetch': { params: { unacked: -1 } } }, 'alerts.rules.unbounded-prefetch.params.unacked: must be a whole number, 0 or more'],
  ])('throws on an override loadConfig would reject: %j', (overrides, message) => {
    expect(() => effectiveRules(overrides)).toThrow(message);
  });
});
