import { describe, expect, it } from 'vitest';
import { MAX_EVENTS, MAX_SAMPLES_PER_TARGET, applyDelta, mergeById, viewFromSnapshot, type LiveView } from '../../server/stream/apply-delta';
import type { Delta, TargetDelta } from '../../server/contract';
import { connectionHealth, pulseEvent, snapshot, queueHealth, targetSample, targetState, targetSummary } from './builders';

const T0 = 1_000_000;

function view(overrides: Partial<LiveView> = {}): LiveView {
  return {
    seq: 5,
    serverTime: T0,
    targets: [
      targetState({
        observedAt: T0,
        connections: [
          connectionHealth({ id: 'a', recvChangedAt: T0, silenceSec: 0, heartbeatMarginSec: 7 }),
          connectionHealth({ id: 'b', recvChangedAt: T0 - 3000, silenceSec: 3, heartbeatMarginSec: 4 }),
        ],
        queues: [queueHealth({ name: 'q1' }), queueHealth({ name: 'q2' })],
      }),
    ],
    series: { local: [targetSample(T0)] },
    probeSeries: {},
    events: [],
    selfHealth: null,
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

describe('mergeById', () => {
  const items = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }];
  it.each([
    { case: 'nothing', upserts: [], removals: [], out: ['a1', 'b1', 'c1'] },
    { case: 'replace in place', upserts: [{ id: 'b', v: 2 }], removals: [], out: ['a1', 'b2', 'c1'] },
    { case: 'append new', upserts: [{ id: 'd', v: 1 }, { id: 'a', v: 2 }], removals: [], out: ['a2', 'b1', 'c1', 'd1'] },
    { case: 'remove', upserts: [], removals: ['a', 'zz'], out: ['b1', 'c1'] },
    { case: 'remove and add', upserts: [{ id: 'e', v: 1 }], removals: ['b'], out: ['a1', 'c1', 'e1'] },
  ])('$case', ({ upserts, removals, out }) => {
    expect(mergeById(items, upserts, removals).map((i) => `${i.id}${i.v}`)).toEqual(out);
    expect(items.map((i) => i.v)).toEqual([1, 1, 1]);
  });

  it('returns the same array when there is nothing to do', () => {
    expect(mergeById(items, [], [])).toBe(items);
  });
});

describe('applyDelta', () => {
  it('applies upserts, removals, summary and sample', () => {
    const v = view();
    const summary = targetSummary({ observedAt: T0 + 5000, status: { ...targetSummary().status, message: 'second poll' } });
    const next = applied(
      v,
      delta(6, {
        summary,
        upsertConnections: [connectionHealth({ id: 'c', recvChangedAt: T0 + 5000 }), connectionHealth({ id: 'a', unacked: 9, recvChangedAt: T0 })],
        removeConnections: ['b'],
        upsertQueues: [queueHealth({ name: 'q2', ready: 50 })],
        removeQueues: ['//q1'],
        sample: targetSample(T0 + 5000, { ready: 50 }),
      }),
    );
    expect(next.seq).toBe(6);
    expect(next.serverTime).toBe(T0 + 6);
    const t = next.targets[0]!;
    expect(t.status.message).toBe('second poll');
    expect(t.observedAt).toBe(T0 + 5000);
    expect(t.connections.map((c) => [c.id, c.unacked])).toEqual([
      ['a', 9],
      ['c', 3],
    ]);
    expect(t.queues.map((q) => [q.id, q.ready])).toEqual([['//q2', 50]]);
    expect(next.series.local!.map((s) => s.at)).toEqual([T0, T0 + 5000]);
    // the input view is not mutated
    expect(v.seq).toBe(5);
    expect(v.targets[0]!.connections.map((c) => c.id)).toEqual(['a', 'b']);
    expect(v.series.local).toHaveLength(1);
  });

  it('starts a series for a target with none', () => {
    const next = applied(view({ series: {} }), delta(6, { sample: targetSample(T0 + 5000) }));
    expect(next.series.local!.map((s) => s.at)).toEqual([T0 + 5000]);
  });

  it('ignores deltas for unknown targets', () => {
    const v = view();
    const next = applied(v, { ...delta(6), targets: [{ ...delta(6).targets[0]!, targetId: 'other', removeConnections: ['a'] }] });
    expect(next.seq).toBe(6);
    expect(next.targets[0]!.connections.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it.each([5, 4, 0])('ignores a stale delta with seq %i', (seq) => {
    const v = view();
    const r = applyDelta(v, delta(seq, { removeConnections: ['a'] }));
    expect(r).toEqual({ ok: true, view: v });
    expect(r.ok && r.view).toBe(v);
  });

  it.each([7, 100])('reports a gap for seq %i after 5', (seq) => {
    const r = applyDelta(view(), delta(seq));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(`sequence gap: have 5, got ${seq}`);
  });

  it('caps the samples per target, dropping the oldest', () => {
    const full = Array.from({ length: MAX_SAMPLES_PER_TARGET }, (_, i) => targetSample(i));
    const next = applied(view({ series: { local: full } }), delta(6, { sample: targetSample(99_999) }));
    const s = next.series.local!;
    expect(s).toHaveLength(MAX_SAMPLES_PER_TARGET);
    expect(s[0]!.at).toBe(1);
    expect(s.at(-1)!.at).toBe(99_999);
  });

  it('puts new events first and caps them', () => {
    const old = Array.from({ length: MAX_EVENTS }, (_, i) => pulseEvent(`old-${i}`));
    const next = applied(view({ events: old }), delta(6, {}, { events: [pulseEvent('new-1'), pulseEvent('new-2')] }));
    expect(next.events).toHaveLength(MAX_EVENTS);
    expect(next.events.slice(0, 3).map((e) => e.id)).toEqual(['new-1', 'new-2', 'old-0']);
    expect(next.events.at(-1)!.id).toBe(`old-${MAX_EVENTS - 3}`);
  });

  it('viewFromSnapshot caps events too', () => {
    const events = Array.from({ length: MAX_EVENTS + 10 }, (_, i) => pulseEvent(`e-${i}`));
    const v = viewFromSnapshot(snapshot({ seq: 3, serverTime: T0, events }));
    expect(v.seq).toBe(3);
    expect(v.events).toHaveLength(MAX_EVENTS);
    expect(v.events[0]!.id).toBe('e-0');
  });

  describe('silence of unchanged connections', () => {
    it('advances silence and margin across a sequence of polls', () => {
      // a: counter moved at T0 (timeout 7); b: moved at T0-3000 (timeout 7)
      const steps = [
        { seq: 6, observedAt: T0 + 5000, a: [5, 2], b: [8, -1] },
        { seq: 7, observedAt: T0 + 10_000, a: [10, -3], b: [13, -6] },
      ];
      let v = view();
      for (const s of steps) {
        v = applied(v, delta(s.seq, { summary: targetSummary({ observedAt: s.observedAt }) }));
        const [a, b] = v.targets[0]!.connections;
        expect([a!.silenceSec, a!.heartbeatMarginSec], `a at seq ${s.seq}`).toEqual(s.a);
        expect([b!.silenceSec, b!.heartbeatMarginSec], `b at seq ${s.seq}`).toEqual(s.b);
      }
    });

    it('leaves silence alone when the summary does not advance observedAt (a failed poll)', () => {
      const v = view();
      const next = applied(v, delta(6, { summary: targetSummary({ observedAt: T0, status: { ...targetSummary().status, kind: 'timeout' } }) }));
      expect(next.targets[0]!.status.kind).toBe('timeout');
      expect(next.targets[0]!.connections).toBe(v.targets[0]!.connections);
    });

    it('leaves silence alone without a summary', () => {
      const v = view();
      const next = applied(v, delta(6));
      expect(next.targets[0]!.connections[1]!.silenceSec).toBe(3);
    });

    it('computes silence for an upserted connection from the new observedAt', () => {
      const next = applied(
        view(),
        delta(6, { summary: targetSummary({ observedAt: T0 + 5000 }), upsertConnections: [connectionHealth({ id: 'a', recvChangedAt: T0 + 2000, silenceSec: null, heartbeatMarginSec: null })] }),
      );
      expect(next.targets[0]!.connections[0]).toMatchObject({ id: 'a', silenceSec: 3, heartbeatMarginSec: 4 });
    });
  });
});
