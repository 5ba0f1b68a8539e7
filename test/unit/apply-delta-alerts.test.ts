import { describe, expect, it } from 'vitest';
import {
  alertingOf,
  applyDelta,
  upsertAlerts,
  viewFromSnapshot,
  type LiveView,
} from '../../server/stream/apply-delta';
import { RECENT_DELIVERIES, RESOLVED_ALERT_WINDOW_MS } from '../../server/shared/alert-lists';
import { firingSummary, groupAlerts, newlyFiring, objectHref, orderDeliveries, silenceRequest, silencedUntil } from '../../components/alerts/alert-model';
import { liveCovers, mergeSeries } from '../../components/charts/chart-range';
import type { Alert, Delta, DeliveryStatus, NotifierInfo, Silence } from '../../server/contract';
import { snapshot, targetSample, targetState } from './builders';

const T0 = 1_800_000_000_000;

function alert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id: `backlog-without-consumers|local|queue:/${id}`,
    rule: 'backlog-without-consumers',
    title: 'Backlog without consumers',
    severity: 'warning',
    state: 'firing',
    targetId: 'local',
    object: { kind: 'queue', id: `/${id}`, label: id },
    since: T0,
    firstSeenAt: T0 - 30_000,
    firedAt: T0,
    resolvedAt: null,
    value: '1,200 ready, no consumers',
    explanation: 'Nothing consumes from this queue. Start a consumer or delete the queue.',
    acknowledgedAt: null,
    silencedUntil: null,
    notifications: 1,
    ...overrides,
  };
}

function delivery(id: string, createdAt: number, overrides: Partial<DeliveryStatus> = {}): DeliveryStatus {
  return {
    id,
    notifierId: 'ops-hook',
    alertId: null,
    kind: 'firing',
    state: 'delivered',
    attempts: 1,
    createdAt,
    lastAttemptAt: createdAt,
    nextAttemptAt: null,
    deliveredAt: createdAt + 10,
    lastError: null,
    ...overrides,
  };
}

function silence(id: string, overrides: Partial<Silence> = {}): Silence {
  return { id, rule: 'backlog-without-consumers', targetId: null, objectId: null, createdAt: T0, until: T0 + 3_600_000, comment: '', ...overrides };
}

const NOTIFIER: NotifierInfo = { id: 'ops-hook', kind: 'webhook', name: 'ops-hook', destination: 'hooks.example.com', minSeverity: 'info', rules: null };

function liveView(overrides: Partial<LiveView> = {}): LiveView {
  return {
    ...viewFromSnapshot(
      snapshot({
        seq: 5,
        serverTime: T0,
        targets: [targetState({ observedAt: T0 })],
        series: { local: [targetSample(T0)] },
        alerts: [alert('q1'), alert('q2', { state: 'pending', firedAt: null })],
        silences: [silence('s1')],
        notifiers: [NOTIFIER],
        deliveries: [delivery('d2', T0 - 1000), delivery('d1', T0 - 2000)],
      }),
    ),
    ...overrides,
  };
}

function delta(seq: number, extra: Partial<Delta> = {}): Delta {
  return { seq, serverTime: T0 + seq * 1000, targets: [], events: [], ...extra };
}

function applied(v: LiveView, d: Delta): LiveView {
  const r = applyDelta(v, d);
  if (!r.ok) throw new Error(`unexpected gap: ${r.reason}`);
  return r.view;
}

const ids = (list: readonly { id: string }[] | undefined) => (list ?? []).map((x) => x.id.replace(/^backlog-without-consumers\|local\|queue:\//, ''));

describe('viewFromSnapshot: alerting', () => {
  it('takes alerts, silences, notifiers and deliveries from the snapshot', () => {
    const v = liveView();
    expect(ids(v.alerts)).toEqual(['q1', 'q2']);
    expect(v.silences?.map((s) => s.id)).toEqual(['s1']);
    expect(v.notifiers).toEqual([NOTIFIER]);
    expect(ids(v.deliveries)).toEqual(['d2', 'd1']);
  });

  it('sorts deliveries newest first and caps them', () => {
    const many = Array.from({ length: RECENT_DELIVERIES + 20 }, (_, i) => delivery(`d${i}`, T0 + i));
    const v = viewFromSnapshot(snapshot({ deliveries: many }));
    expect(v.deliveries).toHaveLength(RECENT_DELIVERIES);
    expect(v.deliveries![0]!.id).toBe(`d${RECENT_DELIVERIES + 19}`);
  });

  it('reads a view without alerting as empty lists', () => {
    const { alerts, silences, notifiers, deliveries, ...bare } = liveView();
    void alerts, silences, notifiers, deliveries;
    expect(alertingOf(bare)).toEqual({ alerts: [], silences: [], notifiers: [], deliveries: [] });
    expect(alertingOf(null).alerts).toEqual([]);
  });
});

describe('applyDelta: alerts', () => {
  it('replaces a changed alert in place and puts a new one first', () => {
    const v = liveView();
    const fired = alert('q2', { state: 'firing', firedAt: T0 + 6000, since: T0 + 6000 });
    const next = applied(v, delta(6, { alerts: [fired, alert('q3')] }));
    expect(ids(next.alerts)).toEqual(['q3', 'q1', 'q2']);
    expect(next.alerts!.find((a) => a.object.label === 'q2')!.state).toBe('firing');
    // The old view is untouched.
    expect(v.alerts!.find((a) => a.object.label === 'q2')!.state).toBe('pending');
  });

  it('removes alerts named in removeAlerts, even in the same delta as an upsert of another', () => {
    const next = applied(liveView(), delta(6, { alerts: [alert('q3')], removeAlerts: [alert('q2').id, 'no-such-alert'] }));
    expect(ids(next.alerts)).toEqual(['q3', 'q1']);
  });

  it('a removal wins over an upsert of the same id in one delta', () => {
    const next = applied(liveView(), delta(6, { alerts: [alert('q4')], removeAlerts: [alert('q4').id] }));
    expect(ids(next.alerts)).toEqual(['q1', 'q2']);
  });

  it('walks one alert pending → firing → acknowledged → resolved', () => {
    let v = liveView({ alerts: [] });
    v = applied(v, delta(6, { alerts: [alert('q9', { state: 'pending', firedAt: null })] }));
    v = applied(v, delta(7, { alerts: [alert('q9', { state: 'firing', firedAt: T0 + 7000 })] }));
    v = applied(v, delta(8, { alerts: [alert('q9', { state: 'firing', firedAt: T0 + 7000, acknowledgedAt: T0 + 8000 })] }));
    v = applied(v, delta(9, { alerts: [alert('q9', { state: 'resolved', firedAt: T0 + 7000, acknowledgedAt: T0 + 8000, resolvedAt: T0 + 9000 })] }));
    expect(v.alerts).toHaveLength(1);
    expect(v.alerts![0]).toMatchObject({ state: 'resolved', acknowledgedAt: T0 + 8000, resolvedAt: T0 + 9000 });
  });

  it('forgets resolved alerts older than a day', () => {
    const old = alert('old', { state: 'resolved', resolvedAt: T0 - RESOLVED_ALERT_WINDOW_MS - 1 });
    const recent = alert('recent', { state: 'resolved', resolvedAt: T0 - 1000 });
    const next = applied(liveView({ alerts: [old, recent] }), delta(6, { alerts: [alert('q1')] }));
    expect(ids(next.alerts)).toEqual(['q1', 'recent']);
  });

  it('keeps the same arrays when a delta carries no alerting changes', () => {
    const v = liveView();
    const next = applied(v, delta(6, { targets: [{ targetId: 'local', upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [], sample: targetSample(T0 + 6000) }] }));
    expect(next.alerts).toBe(v.alerts);
    expect(next.silences).toBe(v.silences);
    expect(next.notifiers).toBe(v.notifiers);
    expect(next.deliveries).toBe(v.deliveries);
    expect(next.series.local).toHaveLength(2);
  });

  it('upsertAlerts keeps its inputs unchanged', () => {
    const list = [alert('a'), alert('b')];
    const out = upsertAlerts(list, [alert('b', { value: 'changed' })], [alert('a').id]);
    expect(ids(out)).toEqual(['b']);
    expect(list.map((a) => a.value)).toEqual(['1,200 ready, no consumers', '1,200 ready, no consumers']);
  });
});

describe('applyDelta: silences', () => {
  it('replaces the whole list when present, including with an empty one', () => {
    const v = liveView();
    const replaced = applied(v, delta(6, { silences: [silence('s2'), silence('s3')] }));
    expect(replaced.silences?.map((s) => s.id)).toEqual(['s2', 's3']);
    const cleared = applied(replaced, delta(7, { silences: [] }));
    expect(cleared.silences).toEqual([]);
  });

  it('leaves the list alone when absent', () => {
    const v = liveView();
    expect(applied(v, delta(6, { alerts: [alert('q5')] })).silences).toBe(v.silences);
  });
});

describe('applyDelta: deliveries', () => {
  it('upserts by id: a pending test delivery becomes delivered, a new one goes first', () => {
    let v = liveView();
    v = applied(v, delta(6, { deliveries: [delivery('t1', T0 + 6000, { kind: 'test', state: 'pending', attempts: 0, deliveredAt: null, lastAttemptAt: null })] }));
    expect(ids(v.deliveries)).toEqual(['t1', 'd2', 'd1']);
    expect(v.deliveries![0]!.state).toBe('pending');
    v = applied(v, delta(7, { deliveries: [delivery('t1', T0 + 6000, { kind: 'test', state: 'delivered' })] }));
    expect(ids(v.deliveries)).toEqual(['t1', 'd2', 'd1']);
    expect(v.deliveries![0]!.state).toBe('delivered');
  });

  it('shows a failure with its last error', () => {
    const failed = delivery('d2', T0 - 1000, { state: 'failed', attempts: 7, lastError: 'HTTP 500 from hooks.example.com', deliveredAt: null });
    const v = applied(liveView(), delta(6, { deliveries: [failed] }));
    expect(v.deliveries!.find((d) => d.id === 'd2')).toMatchObject({ state: 'failed', lastError: 'HTTP 500 from hooks.example.com' });
  });

  it(`keeps the newest ${RECENT_DELIVERIES}, dropping old successes before old failures`, () => {
    const oldFailure = delivery('old-failure', T0 - 10_000_000, { state: 'failed', lastError: 'HTTP 404' });
    const oldSuccess = delivery('old-success', T0 - 9_000_000);
    let v = liveView({ deliveries: [oldSuccess, oldFailure] });
    const batch = Array.from({ length: RECENT_DELIVERIES }, (_, i) => delivery(`n${i}`, T0 + i));
    v = applied(v, delta(6, { deliveries: batch }));
    expect(v.deliveries).toHaveLength(RECENT_DELIVERIES);
    const kept = new Set(v.deliveries!.map((d) => d.id));
    expect(kept.has('old-failure')).toBe(true);
    expect(kept.has('old-success')).toBe(false);
    expect(kept.has('n0')).toBe(false); // the oldest success of the batch made room for the failure
    expect(v.deliveries![0]!.id).toBe(`n${RECENT_DELIVERIES - 1}`);
  });

  it('drops the oldest failures only when failures alone exceed the cap', () => {
    const failures = Array.from({ length: RECENT_DELIVERIES + 5 }, (_, i) => delivery(`f${i}`, T0 + i, { state: 'failed' }));
    const v = applied(liveView({ deliveries: [] }), delta(6, { deliveries: failures }));
    expect(v.deliveries).toHaveLength(RECENT_DELIVERIES);
    expect(v.deliveries!.at(-1)!.id).toBe('f5');
  });
});

describe('applyDelta: alerting into a view that had none', () => {
  it('adds the lists a delta brings and leaves the others absent', () => {
    const { alerts, silences, notifiers, deliveries, ...bare } = liveView();
    void alerts, silences, notifiers, deliveries;
    const next = applied(bare, delta(6, { alerts: [alert('q1')] }));
    expect(ids(next.alerts)).toEqual(['q1']);
    expect('silences' in next).toBe(false);
    expect('deliveries' in next).toBe(false);
  });

  it('still detects sequence gaps and ignores stale deltas', () => {
    const v = liveView();
    expect(applyDelta(v, delta(8, { alerts: [alert('q7')] }))).toEqual({ ok: false, reason: 'sequence gap: have 5, got 8' });
    const stale = applyDelta(v, delta(5, { alerts: [alert('q7')] }));
    expect(stale.ok && stale.view).toBe(v);
  });
});

/* ---- What the badge, the toasts and the alerts page make of the applied view ---- */

describe('reading alerts from the view', () => {
  it('newlyFiring: nothing is news on the first look; a later entry into firing is, once', () => {
    const first = newlyFiring(null, [alert('q1'), alert('q2', { state: 'pending', firedAt: null })]);
    expect(first.fresh).toEqual([]);
    const second = newlyFiring(first.seen, [alert('q1'), alert('q2', { state: 'firing', firedAt: T0 + 5000 })]);
    expect(ids(second.fresh)).toEqual(['q2']);
    expect(newlyFiring(second.seen, [alert('q1'), alert('q2', { state: 'firing', firedAt: T0 + 5000 })]).fresh).toEqual([]);
  });

  it('newlyFiring: the same alert firing again after it resolved is news again', () => {
    const { seen } = newlyFiring(null, [alert('q1', { firedAt: T0 })]);
    const resolved = newlyFiring(seen, [alert('q1', { state: 'resolved', firedAt: T0, resolvedAt: T0 + 9000 })]);
    expect(ids(newlyFiring(resolved.seen, [alert('q1', { firedAt: T0 + 20_000 })]).fresh)).toEqual(['q1']);
  });

  it('firingSummary counts firing alerts and names the most severe', () => {
    const s = firingSummary([alert('a'), alert('b', { severity: 'critical' }), alert('c', { state: 'pending', severity: 'critical' }), alert('d', { state: 'resolved' })]);
    expect(s).toMatchObject({ count: 2, highest: 'critical', bySeverity: { critical: 1, warning: 1, info: 0 } });
    expect(firingSummary([]).highest).toBeNull();
  });

  it('groupAlerts: firing by severity, unhandled before acknowledged; pending; resolved within a day, newest first', () => {
    const g = groupAlerts(
      [
        alert('warn-old', { firedAt: T0 - 60_000 }),
        alert('warn-acked', { firedAt: T0 - 120_000, acknowledgedAt: T0 - 1000 }),
        alert('crit', { severity: 'critical', firedAt: T0 }),
        alert('pend', { state: 'pending', firedAt: null }),
        alert('res-new', { state: 'resolved', resolvedAt: T0 - 1000 }),
        alert('res-old', { state: 'resolved', resolvedAt: T0 - 5000 }),
        alert('res-stale', { state: 'resolved', resolvedAt: T0 - RESOLVED_ALERT_WINDOW_MS - 1 }),
      ],
      T0,
    );
    expect(ids(g.firing)).toEqual(['crit', 'warn-old', 'warn-acked']);
    expect(ids(g.pending)).toEqual(['pend']);
    expect(ids(g.resolved)).toEqual(['res-new', 'res-old']);
  });

  it('silenceRequest: this object (on its target, every rule) or this rule (everywhere), comment trimmed', () => {
    const a = alert('q1');
    expect(silenceRequest(a, 'object', 900_000, '  ')).toEqual({ targetId: 'local', objectId: '/q1', durationMs: 900_000 });
    expect(silenceRequest(a, 'rule', 3_600_000, ' deploy ')).toEqual({ rule: 'backlog-without-consumers', durationMs: 3_600_000, comment: 'deploy' });
  });

  it('silencedUntil: the server says, or a matching silence in force does', () => {
    const a = alert('q1');
    expect(silencedUntil({ ...a, silencedUntil: T0 + 10 }, [], T0)).toBe(T0 + 10);
    expect(silencedUntil(a, [silence('s', { rule: null, objectId: '/q1', until: T0 + 99 })], T0)).toBe(T0 + 99);
    expect(silencedUntil(a, [silence('s', { rule: 'other-rule' })], T0)).toBeNull();
    expect(silencedUntil(a, [silence('s', { until: T0 - 1 })], T0)).toBeNull();
  });

  it('objectHref: connections and queues link to their pages, channels to their connection', () => {
    expect(objectHref({ targetId: 'local', object: { kind: 'queue', id: '//q1', label: 'q1' } })).toBe('/queues?target=local&queue=%2F%2Fq1');
    expect(objectHref({ targetId: 'local', object: { kind: 'connection', id: 'a -> b', label: 'x' } })).toBe('/connections/local/a%20-%3E%20b');
    expect(objectHref({ targetId: 'local', object: { kind: 'channel', id: 'a -> b (3)', label: 'x' } })).toBeNull();
    expect(objectHref({ targetId: 'local', object: { kind: 'probe', id: 'local', label: 'probe' } })).toBe('/probes/local');
  });

  it('orderDeliveries: failures first, then newest', () => {
    const out = orderDeliveries([delivery('old', T0 - 10), delivery('new', T0), delivery('failed', T0 - 100, { state: 'failed' })]);
    expect(out.map((d) => d.id)).toEqual(['failed', 'new', 'old']);
  });
});

describe('chart ranges: live points and stored history', () => {
  const s = (at: number) => targetSample(at);
  const MIN = 60_000;

  it('a live range fills in before the first live point from the history, then uses the live points', () => {
    const history = [s(T0 - 20 * MIN), s(T0 - 10 * MIN), s(T0 - 2 * MIN), s(T0 - MIN)];
    const live = [s(T0 - 2 * MIN), s(T0 - MIN), s(T0)];
    expect(mergeSeries('15m', history, 'raw', live, T0).map((p) => (T0 - p.at) / MIN)).toEqual([10, 2, 1, 0]);
    expect(mergeSeries('1h', history, 'raw', live, T0).map((p) => (T0 - p.at) / MIN)).toEqual([20, 10, 2, 1, 0]);
  });

  it('a longer range draws the history, continued by live points only at the same (raw) resolution', () => {
    const history = [s(T0 - 3 * 3_600_000), s(T0 - MIN)];
    const live = [s(T0 - 2 * MIN), s(T0 - MIN), s(T0)];
    expect(mergeSeries('6h', history, 'raw', live, T0).map((p) => p.at)).toEqual([T0 - 3 * 3_600_000, T0 - MIN, T0]);
    expect(mergeSeries('24h', history, '1m', live, T0).map((p) => p.at)).toEqual([T0 - 3 * 3_600_000, T0 - MIN]);
  });

  it('liveCovers: only short ranges, and only once the live points reach back far enough', () => {
    const live = Array.from({ length: 181 }, (_, i) => s(T0 - (180 - i) * 5000));
    expect(liveCovers('15m', live, T0)).toBe(true);
    expect(liveCovers('1h', live, T0)).toBe(false);
    expect(liveCovers('24h', live, T0)).toBe(false);
    expect(liveCovers('15m', [], T0)).toBe(false);
  });
});
