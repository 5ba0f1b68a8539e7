import { describe, expect, it } from 'vitest';
import type { Alert, DeliveryStatus, Severity, TargetState } from '../../../server/contract';
import { AlertEngine } from '../../../server/alerts/engine';
import type { RouteConfig } from '../../../server/alerts/notifiers/routing';
import type { EffectiveRule } from '../../../server/alerts/rules';
import type { Notification } from '../../../server/alerts/types';
import { targetSummary } from '../builders';

const T0 = 1_795_000_000_000;

/** A rule that fires at once and resolves at once, while `holds()` says so. */
const rule = (holds: () => boolean, severity: Severity = 'warning', notifiers: string[] | null = null): EffectiveRule => ({
  id: 'r',
  title: 'Rule',
  severity,
  forMs: 0,
  resolveAfterMs: 0,
  explanation: 'test rule',
  usesPoll: false,
  notifiers,
  evaluate: (ctx) => (holds() ? [{ object: { kind: 'target', id: ctx.target.id, label: ctx.target.displayName }, value: 'holds' }] : []),
});

function setup(opts: { notifiers: RouteConfig[]; severity?: Severity; ruleNotifiers?: string[] | null }) {
  let now = T0;
  let holds = true;
  const published: Alert[] = [];
  const notified: Array<{ n: Notification; to: string[] }> = [];
  const engine = new AlertEngine({
    rules: [rule(() => holds, opts.severity, opts.ruleNotifiers ?? null)],
    reminderIntervalMs: 0,
    targetNames: new Map([['local', 'localhost']]),
    notifiers: opts.notifiers,
    onChange: (alerts) => published.push(...alerts),
    onNotify: (n, to) => notified.push({ n, to }),
    now: () => now,
  });
  const target: TargetState = { ...targetSummary({ observedAt: T0 }), connections: [], queues: [], probe: null };
  return {
    engine,
    published,
    notified,
    evaluate: (at: number, h: boolean) => {
      now = at;
      holds = h;
      engine.evaluateTarget(target, 'all');
    },
    only: () => engine.list()[0]!,
  };
}

/** A delivery status as the outbox reports it for the alert's notification to `notifierId`. */
const status = (alertId: string, notifierId: string, state: DeliveryStatus['state'], attempts: number, createdAt: number, lastError: string | null = null): DeliveryStatus => ({
  id: `${alertId}|firing|1|${notifierId}`,
  notifierId,
  alertId,
  kind: 'firing',
  state,
  attempts,
  createdAt,
  lastAttemptAt: attempts ? createdAt : null,
  nextAttemptAt: null,
  deliveredAt: state === 'delivered' ? createdAt : null,
  lastError,
});

describe('AlertEngine: notifications raised, routed and delivered', () => {
  it('with no notifier configured, a firing alert raises its notification but queues it nowhere and counts no delivery', () => {
    const s = setup({ notifiers: [] });
    s.evaluate(T0, true);
    expect(s.only().state).toBe('firing');
    expect(s.notified).toEqual([]);
    expect(s.only().notifications).toBe(1); // raised, for the key's numbering
    expect(s.only().delivery).toBeUndefined();
  });

  it('a notifier that does not take the alert is skipped with the reason, on the alert as published', () => {
    const s = setup({ notifiers: [{ id: 'pager', minSeverity: 'critical', rules: null }] });
    s.evaluate(T0, true);
    expect(s.notified).toEqual([]);
    const firing = s.published.findLast((a) => a.state === 'firing');
    expect(firing?.delivery).toEqual({ notifiers: [{ notifierId: 'pager', skipped: 1, skippedBecause: 'below-min-severity' }] });
  });

  it("the rule's own notifiers list routes too", () => {
    const s = setup({ notifiers: [{ id: 'hook', minSeverity: 'info', rules: null }, { id: 'pager', minSeverity: 'info', rules: null }], ruleNotifiers: ['pager'] });
    s.evaluate(T0, true);
    expect(s.notified.map((x) => x.to)).toEqual([['pager']]);
    expect(s.only().delivery).toEqual({ notifiers: [{ notifierId: 'hook', skipped: 1, skippedBecause: 'not-in-rule-notifiers' }] });
  });

  it('counts what the outbox reports for the alert, and publishes each change', () => {
    const s = setup({ notifiers: [{ id: 'hook', minSeverity: 'info', rules: null }] });
    s.evaluate(T0, true);
    expect(s.notified.map((x) => x.to)).toEqual([['hook']]);
    const id = s.only().id;
    s.published.length = 0;
    s.engine.recordDeliveries([status(id, 'hook', 'pending', 0, T0)]);
    s.engine.recordDeliveries([status(id, 'hook', 'pending', 1, T0, 'HTTP 500')]);
    expect(s.only().delivery).toEqual({ notifiers: [{ notifierId: 'hook', queued: 1, retryError: 'HTTP 500' }] });
    s.engine.recordDeliveries([status(id, 'hook', 'delivered', 2, T0)]);
    expect(s.only().delivery).toEqual({ notifiers: [{ notifierId: 'hook', queued: 1, delivered: 1 }] });
    expect(s.published.map((a) => a.delivery?.notifiers[0])).toEqual([
      { notifierId: 'hook', queued: 1 },
      { notifierId: 'hook', queued: 1, retryError: 'HTTP 500' },
      { notifierId: 'hook', queued: 1, delivered: 1 },
    ]);
  });

  it('a new episode starts its own count; a late status of the previous episode is not counted in it', () => {
    const s = setup({ notifiers: [{ id: 'hook', minSeverity: 'info', rules: null }] });
    s.evaluate(T0, true);
    const id = s.only().id;
    s.engine.recordDeliveries([status(id, 'hook', 'pending', 0, T0), status(id, 'hook', 'delivered', 1, T0)]);
    s.evaluate(T0 + 1000, false); // resolved: its notification is queued at T0 + 1000
    s.engine.recordDeliveries([status(id, 'hook', 'pending', 0, T0 + 1000)]);
    expect(s.only().delivery).toEqual({ notifiers: [{ notifierId: 'hook', queued: 2, delivered: 1 }] });
    s.evaluate(T0 + 2000, true); // fires again: a new episode
    expect(s.only().firstSeenAt).toBe(T0 + 2000);
    expect(s.only().delivery).toBeUndefined();
    s.engine.recordDeliveries([status(id, 'hook', 'delivered', 1, T0 + 1000)]); // the old resolved, delivered late
    expect(s.only().delivery).toBeUndefined();
    expect(s.only().notifications).toBe(3); // numbering goes on across episodes
  });

  it('ignores test notifications and alerts it does not hold', () => {
    const s = setup({ notifiers: [{ id: 'hook', minSeverity: 'info', rules: null }] });
    s.evaluate(T0, true);
    s.published.length = 0;
    s.engine.recordDeliveries([{ ...status('x', 'hook', 'delivered', 1, T0), alertId: null }, status('gone|local|target:x', 'hook', 'delivered', 1, T0)]);
    expect(s.published).toEqual([]);
    expect(s.only().delivery).toBeUndefined();
  });

  it('a silenced alert counts what the silence held back, and routes nothing', () => {
    const s = setup({ notifiers: [{ id: 'hook', minSeverity: 'info', rules: null }] });
    s.engine.addSilence({ id: 's1', rule: 'r', targetId: null, objectId: null, createdAt: T0, until: T0 + 60_000, comment: '' });
    s.evaluate(T0, true);
    s.evaluate(T0 + 1000, false);
    expect(s.notified).toEqual([]);
    expect(s.only().state).toBe('resolved');
    expect(s.only().delivery).toEqual({ notifiers: [], silenced: 2 });
  });
});
