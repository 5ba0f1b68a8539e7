import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProbeSample } from '../../../server/contract';
import { applyDelta, viewFromSnapshot, type LiveView } from '../../../server/stream/apply-delta';
import { hubWithOneTarget } from '../hub-harness';
import { alert, observedClose, probeState, rawChannel, rawConnection, rawPoll, rawQueue } from '../builders';

/**
 * One round trip per kind of change: the hub's store takes a write, its
 * encoder makes the delta, the browser's decoder applies it to a view taken
 * from a snapshot before the change, and the view then equals the server's
 * state. Each case names the part of the wire it exercises.
 */
const T0 = 1_795_000_000_000;
const OTHER = '10.0.0.9:5000 -> 127.0.0.1:5672';

function roundTrip() {
  const h = hubWithOneTarget();
  let view: LiveView | null = null;
  const sync = () => {
    view ??= viewFromSnapshot(h.hub.snapshot());
    for (const d of h.deltas.splice(0)) {
      if (d.seq <= view.seq) continue;
      const out = applyDelta(view, d);
      if (!out.ok) throw new Error(out.reason);
      view = out.view;
    }
    return view;
  };
  /** Takes the snapshot now: later writes reach the view only as deltas. */
  const start = () => {
    h.deltas.length = 0;
    view = viewFromSnapshot(h.hub.snapshot());
  };
  const expectSame = () => {
    const shown = sync().targets[0]!;
    const held = h.store.state();
    const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(shown.connections)).toEqual(byId(held.connections));
    expect(byId(shown.queues)).toEqual(byId(held.queues));
    const { connections: _a, queues: _b, ...shownSummary } = shown;
    const { connections: _c, queues: _d, ...heldSummary } = held;
    expect(shownSummary).toEqual(heldSummary);
  };
  return { ...h, start, sync, expectSame };
}

const poll = (at: number, over: Parameters<typeof rawPoll>[1] = {}) => rawPoll(at, { connections: [rawConnection()], channels: [rawChannel()], consumers: [], queues: [rawQueue()], ...over });
const probeSample = (at: number): ProbeSample => ({ at, silenceMs: 100, marginMs: 4900, heartbeatIntervalMs: 2500, confirmP50Ms: 2, confirmP99Ms: 5, deliverP50Ms: 3, deliverP99Ms: 6 });

describe('stream round trip, per kind of change', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('a connection appears (row sent whole, with its handle)', () => {
    const t = roundTrip();
    t.poll(poll(T0, { connections: [] }));
    t.start();
    const d = t.poll(poll(T0 + 5000));
    expect(d.targets[0]!.upsertConnections).toHaveLength(1);
    t.expectSame();
  });

  it('a visible field changes (row re-sent)', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.start();
    const d = t.poll(poll(T0 + 5000, { channels: [rawChannel({ unacked: 40 })] }));
    expect(d.targets[0]!.upsertConnections.map((c) => c.unacked)).toEqual([40]);
    t.expectSame();
  });

  it('only bytes arrive (a heartbeat): named by handle, silence recomputed by the browser', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.poll(poll(T0 + 5000));
    t.start();
    const d = t.poll(poll(T0 + 10_000, { connections: [rawConnection({ recvOct: 99_999 })] }));
    expect(d.targets[0]!.upsertConnections).toEqual([]);
    expect(d.targets[0]!.recvMoved).toBeDefined();
    t.expectSame();
  });

  it('nothing moves: no rows, silence still advances in the browser', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.start();
    const d = t.poll(poll(T0 + 5000));
    expect(d.targets[0]!.upsertConnections).toEqual([]);
    t.expectSame();
  });

  it('a client with a known defect: sent with its defects once, not again while nothing else changes', () => {
    const t = roundTrip();
    t.poll(poll(T0, { connections: [] }));
    t.start();
    const pika = () => rawConnection({ clientProduct: 'Pika Python Client Library', clientVersion: '0.9.13' });
    const first = t.poll(poll(T0 + 5000, { connections: [pika()] }));
    expect(first.targets[0]!.upsertConnections.map((c) => c.knownDefects.map((d) => d.fixedIn))).toEqual([['0.9.14', '0.12.0']]);
    t.expectSame();
    // A new poll derives the row afresh; its defects must compare equal, or every such row would be re-sent every poll.
    const second = t.poll(poll(T0 + 10_000, { connections: [pika()] }));
    expect(second.targets[0]!.upsertConnections).toEqual([]);
    t.expectSame();
  });

  it('a connection vanishes from a poll', () => {
    const t = roundTrip();
    t.poll(poll(T0, { connections: [rawConnection(), rawConnection({ name: OTHER, providedName: 'other' })] }));
    t.start();
    const d = t.poll(poll(T0 + 5000));
    expect(d.targets[0]!.removeConnections).toHaveLength(1);
    t.expectSame();
  });

  it('a connection closes on the event exchange between polls', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.start();
    const d = t.hub.applyBrokerClose('local', observedClose({ at: T0 + 1000 }))!;
    expect(d.targets[0]!.removeConnections).toHaveLength(1);
    t.expectSame();
  });

  it('a close sweep finds connections gone', () => {
    const t = roundTrip();
    t.poll({ ...poll(T0, { connections: [rawConnection(), rawConnection({ name: OTHER, providedName: 'other' })] }), liveConnectionNames: [rawConnection().name, OTHER] });
    t.start();
    t.hub.applyLiveConnections('local', [OTHER], T0 + 2000);
    t.expectSame();
  });

  it('queues appear, change and go', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.start();
    t.poll(poll(T0 + 5000, { queues: [rawQueue({ ready: 7 }), rawQueue({ name: 'second' })] }));
    t.expectSame();
    t.poll(poll(T0 + 10_000, { queues: [] }));
    t.expectSame();
  });

  it('a failed poll changes only the summary (status, and the health it turns critical), rows stay', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.start();
    const d = t.fail(T0 + 5000);
    expect(Object.keys(d.targets[0]!.summary ?? {})).toEqual(['status', 'health']);
    expect(d.targets[0]!.summary!.health).toMatchObject({ level: 'crit', reasons: ['management API timed out'] });
    t.expectSame();
    // Still failing the same way: the health is not sent again.
    expect(Object.keys(t.fail(T0 + 15_000).targets[0]!.summary ?? {})).toEqual(['status']);
    t.expectSame();
  });

  it('the health rides the summary only when it changes: idle polls and probe reports do not grow', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.hub.applyProbes([{ targetId: 'local', state: probeState(), sample: probeSample(T0 + 1000) }]);
    t.start();
    const idle = t.poll(poll(T0 + 5000));
    expect(Object.keys(idle.targets[0]!.summary ?? {})).toEqual(['status', 'observedAt']);
    const report = t.hub.applyProbes([{ targetId: 'local', state: probeState(), sample: probeSample(T0 + 6000) }]);
    expect(report.targets[0]!.summary).toBeUndefined();

    // An alert fires: its delta carries the new health with it, and the browser's view agrees with the alert.
    const fired = t.hub.publishAlertChanges({ alerts: [alert({ title: 'Missed heartbeats suspected' })] });
    expect(fired.targets.map((d) => [d.targetId, d.summary])).toEqual([
      ['local', { health: { level: 'crit', word: 'critical', reasons: ['1 critical alert: Missed heartbeats suspected', 'broker log exchange off: causes inferred'] } }],
    ]);
    t.expectSame();
    // The same alert again (its value moved): the health is unchanged, so no target part at all.
    expect(t.hub.publishAlertChanges({ alerts: [alert({ title: 'Missed heartbeats suspected', value: 'more' })] }).targets).toEqual([]);

    // The next idle poll is the same size as the one before the alert: the health is not re-sent.
    const idleAfter = t.poll(poll(T0 + 10_000));
    expect(JSON.stringify(idleAfter.targets).length).toBe(JSON.stringify(idle.targets).length);

    // It resolves: the health goes back, in the resolving delta.
    const resolved = t.hub.publishAlertChanges({ alerts: [alert({ state: 'resolved', resolvedAt: T0 + 11_000 })] });
    expect(resolved.targets[0]!.summary!.health!.level).toBe('info');
    t.expectSame();
  });

  it('the probe: first whole, then only the parts that changed', () => {
    const t = roundTrip();
    t.poll(poll(T0));
    t.start();
    const first = t.hub.applyProbes([{ targetId: 'local', state: probeState(), sample: probeSample(T0 + 1000) }]);
    expect(first.targets[0]!.probe).toEqual(probeState());
    const next = probeState({ heartbeat: { ...probeState().heartbeat, lastInboundHeartbeatAt: T0 + 2000 } });
    const second = t.hub.applyProbes([{ targetId: 'local', state: next, sample: probeSample(T0 + 2000) }]);
    expect(Object.keys(second.targets[0]!.probe ?? {})).toEqual(['heartbeat']);
    expect(t.sync().targets[0]!.probe).toEqual(next);
    expect(t.sync().probeSeries.local!.map((s) => s.at)).toEqual([T0 + 1000, T0 + 2000]);
  });
});
