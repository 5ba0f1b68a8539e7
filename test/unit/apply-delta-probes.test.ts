import { describe, expect, it } from 'vitest';
import { MAX_PROBE_SAMPLES, applyDelta, viewFromSnapshot, type LiveView } from '../../server/stream/apply-delta';
import type { Delta, SelfHealth, TargetDelta } from '../../server/contract';
import { probeSample, probeState, snapshot, targetState } from './builders';

const T0 = 1_000_000;
const HEALTH: SelfHealth = { at: T0, server: { p50Ms: 1, p99Ms: 10, maxMs: 30 }, probeWorker: { p50Ms: 0, p99Ms: 2, maxMs: 5 }, rssBytes: 150_000_000, history: { state: 'ok', lastOutage: null } };

function view(overrides: Partial<LiveView> = {}): LiveView {
  return {
    seq: 5,
    serverTime: T0,
    targets: [targetState({ probe: probeState({ state: 'up' }) }), targetState({ id: 'other', displayName: 'other' })],
    series: {},
    probeSeries: { local: [probeSample(T0)] },
    events: [],
    selfHealth: HEALTH,
    ...overrides,
  };
}

function delta(seq: number, target: Partial<TargetDelta> = {}, extra: Partial<Delta> = {}): Delta {
  return {
    seq,
    serverTime: T0 + seq,
    targets: [{ targetId: 'local', upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [], ...target }],
    events: [],
    ...extra,
  };
}

function applied(v: LiveView, d: Delta): LiveView {
  const r = applyDelta(v, d);
  if (!r.ok) throw new Error(`unexpected gap: ${r.reason}`);
  return r.view;
}

describe('applyDelta: probes', () => {
  it('replaces the probe state whole and appends its samples', () => {
    const down = probeState({ state: 'down', lastError: { cause: 'reset-by-broker', message: 'read ECONNRESET', at: T0 + 1000 }, reconnectAttempts: 1 });
    const v = view();
    const next = applied(v, delta(6, { probe: down, probeSamples: [probeSample(T0 + 1000, { silenceMs: null }), probeSample(T0 + 2000)] }));
    expect(next.targets[0]!.probe).toEqual(down);
    expect(next.targets[1]!.probe).toBeNull();
    expect(next.probeSeries.local!.map((s) => [s.at, s.silenceMs])).toEqual([
      [T0, 200],
      [T0 + 1000, null],
      [T0 + 2000, 200],
    ]);
    // the input view is not mutated
    expect(v.targets[0]!.probe!.state).toBe('up');
    expect(v.probeSeries.local).toHaveLength(1);
  });

  it('merges the changed parts of a probe over the current state', () => {
    const v = view();
    const heartbeat = { ...v.targets[0]!.probe!.heartbeat, lastInboundAt: T0 + 1500 };
    const next = applied(v, delta(6, { probe: { heartbeat } }));
    expect(next.targets[0]!.probe).toEqual({ ...v.targets[0]!.probe, heartbeat });
    expect(v.targets[0]!.probe!.heartbeat).not.toBe(heartbeat); // not mutated
  });

  it('a delta without a probe keeps the old probe and its series', () => {
    const v = view();
    const next = applied(v, delta(6));
    expect(next.targets[0]!.probe).toBe(v.targets[0]!.probe);
    expect(next.probeSeries).toBe(v.probeSeries);
  });

  it('an empty probeSamples list changes nothing', () => {
    const v = view();
    expect(applied(v, delta(6, { probeSamples: [] })).probeSeries).toBe(v.probeSeries);
  });

  it('starts a probe series for a target that had none', () => {
    const next = applied(view(), delta(6, { targetId: 'other', probe: probeState({ targetId: 'other' }), probeSamples: [probeSample(T0 + 1000)] }));
    expect(next.probeSeries.other).toEqual([probeSample(T0 + 1000)]);
    expect(next.probeSeries.local).toEqual([probeSample(T0)]);
    expect(next.targets[1]!.probe!.targetId).toBe('other');
  });

  it.each([
    { have: MAX_PROBE_SAMPLES, add: 1 },
    { have: MAX_PROBE_SAMPLES - 1, add: 5 },
    { have: 0, add: MAX_PROBE_SAMPLES + 10 },
  ])('caps at MAX_PROBE_SAMPLES, dropping the oldest ($have + $add)', ({ have, add }) => {
    const old = Array.from({ length: have }, (_, i) => probeSample(i));
    const fresh = Array.from({ length: add }, (_, i) => probeSample(10_000_000 + i));
    const s = applied(view({ probeSeries: { local: old } }), delta(6, { probeSamples: fresh })).probeSeries.local!;
    const all = [...old, ...fresh];
    expect(s).toHaveLength(Math.min(MAX_PROBE_SAMPLES, all.length));
    expect(s[0]!.at).toBe(all[all.length - s.length]!.at);
    expect(s.at(-1)!.at).toBe(fresh.at(-1)!.at);
  });
});

describe('applyDelta: self health', () => {
  it('takes selfHealth from a delta that carries it', () => {
    const newer: SelfHealth = { ...HEALTH, at: T0 + 5000, rssBytes: 1 };
    expect(applied(view(), { seq: 6, serverTime: T0, targets: [], events: [], selfHealth: newer }).selfHealth).toEqual(newer);
  });

  it('keeps the previous selfHealth through deltas without it', () => {
    const next = applied(applied(view(), delta(6)), delta(7, { probeSamples: [probeSample(T0 + 1)] }));
    expect(next.selfHealth).toBe(HEALTH);
  });

  it('null selfHealth until the first report', () => {
    expect(applied(view({ selfHealth: null }), delta(6)).selfHealth).toBeNull();
  });
});

describe('viewFromSnapshot: probes', () => {
  it('caps each probe series to its newest MAX_PROBE_SAMPLES points and keeps selfHealth', () => {
    const long = Array.from({ length: MAX_PROBE_SAMPLES + 50 }, (_, i) => probeSample(i));
    const v = viewFromSnapshot(snapshot({ probeSeries: { local: long, other: [] }, selfHealth: HEALTH }));
    expect(v.probeSeries.local).toHaveLength(MAX_PROBE_SAMPLES);
    expect(v.probeSeries.local![0]!.at).toBe(50);
    expect(v.probeSeries.other).toEqual([]);
    expect(v.selfHealth).toBe(HEALTH);
  });
});
