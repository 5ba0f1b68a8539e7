import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delta, HistoryHealth, LoopDelay } from '../../server/contract';
import { Hub } from '../../server/state/hub';
import { TargetStore } from '../../server/state/target-store';
import { observedClose, okOutcome, probeSample, probeState, rawPoll, targetConfig } from './builders';

const T0 = 1_795_000_000_000;
const HISTORY_OK: HistoryHealth = { state: 'ok', lastOutage: null };

function setup() {
  const local = new TargetStore(targetConfig(), 100);
  const other = new TargetStore(targetConfig({ id: 'other', name: 'other broker' }), 100);
  const hub = new Hub([local, other], 50);
  const deltas: Delta[] = [];
  hub.onDelta((d) => deltas.push(d));
  return { hub, deltas };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Hub.applyProbes', () => {
  it('puts the probe state in state() and the samples in the snapshot', () => {
    const { hub } = setup();
    const s1 = probeState({ state: 'connecting' });
    const s2 = probeState({ state: 'up', since: T0 + 1000 });
    hub.applyProbes([{ targetId: 'local', state: s1, sample: probeSample(T0, { silenceMs: null, marginMs: null }) }]);
    const d = hub.applyProbes([{ targetId: 'local', state: s2, sample: probeSample(T0 + 1000) }]);
    // Only the parts that changed since the first (whole) report, and the health the probe's coming up changed.
    expect(d.targets).toEqual([
      {
        targetId: 'local',
        upsertConnections: [],
        removeConnections: [],
        upsertQueues: [],
        removeQueues: [],
        summary: { health: { level: 'unknown', word: 'starting', reasons: ['waiting for the first poll', 'broker log exchange off: causes inferred'] } },
        probe: { state: 'up', since: T0 + 1000 },
        probeSamples: [probeSample(T0 + 1000)],
      },
    ]);
    expect(hub.state().targets.map((t) => [t.id, t.probe])).toEqual([
      ['local', s2],
      ['other', null],
    ]);
    const snap = hub.snapshot();
    expect(snap.probeSeries.local).toEqual([probeSample(T0, { silenceMs: null, marginMs: null }), probeSample(T0 + 1000)]);
    expect(snap.probeSeries.other).toEqual([]);
  });

  it('sends a probe whole first, then only changed parts, and nothing when nothing changed', () => {
    const { hub } = setup();
    const s = probeState();
    const first = hub.applyProbes([{ targetId: 'local', state: s, sample: probeSample(T0) }]);
    expect(first.targets[0]!.probe).toEqual(s);
    const same = hub.applyProbes([{ targetId: 'local', state: { ...s }, sample: probeSample(T0 + 1000) }]);
    expect(same.targets[0]!.probe).toBeUndefined();
    expect(same.targets[0]!.probeSamples).toHaveLength(1);
    const heartbeat = { ...s.heartbeat, lastInboundAt: T0 + 2000 };
    const moved = hub.applyProbes([{ targetId: 'local', state: { ...s, heartbeat }, sample: probeSample(T0 + 2000) }]);
    expect(moved.targets[0]!.probe).toEqual({ heartbeat });
  });

  it('batches several targets into one delta and skips unknown ones', () => {
    const { hub } = setup();
    const d = hub.applyProbes([
      { targetId: 'local', state: probeState(), sample: probeSample(T0) },
      { targetId: 'gone', state: probeState({ targetId: 'gone' }), sample: probeSample(T0) },
      { targetId: 'other', state: probeState({ targetId: 'other', state: 'down' }), sample: probeSample(T0, { silenceMs: null }) },
    ]);
    expect(d.seq).toBe(1);
    expect(d.targets.map((t) => [t.targetId, t.probe!.state])).toEqual([
      ['local', 'up'],
      ['other', 'down'],
    ]);
    expect(hub.snapshot().probeSeries.other).toEqual([probeSample(T0, { silenceMs: null })]);
  });

  it('keeps the probe state across a later poll', () => {
    const { hub } = setup();
    const s = probeState();
    hub.applyProbes([{ targetId: 'local', state: s, sample: probeSample(T0) }]);
    hub.applyOutcome('local', okOutcome(rawPoll(T0 + 5000)), { attemptAt: T0 + 5000, nextPollAt: T0 + 10_000 });
    expect(hub.state().targets[0]!.probe).toEqual(s);
  });
});

describe('Hub self health', () => {
  const server: LoopDelay = { p50Ms: 1, p99Ms: 12, maxMs: 40 };
  const worker: LoopDelay = { p50Ms: 0, p99Ms: 3, maxMs: 8 };
  const history: HistoryHealth = { state: 'failing', message: 'the disk is full', since: T0 - 1000, failedWrites: 3, untilRestart: false };

  it('without a probe worker report, probeWorker is null', () => {
    const { hub } = setup();
    const d = hub.applyServerHealth(server, 150_000_000, HISTORY_OK);
    expect(d.selfHealth).toEqual({ at: T0, server, probeWorker: null, rssBytes: 150_000_000, history: HISTORY_OK });
    expect(d.targets).toEqual([]);
    expect(d.events).toEqual([]);
  });

  it('carries the last probe worker delay into the next server health', () => {
    const { hub, deltas } = setup();
    hub.applyProbeWorkerDelay({ p50Ms: 9, p99Ms: 9, maxMs: 9 });
    hub.applyProbeWorkerDelay(worker);
    expect(deltas).toEqual([]); // the worker's report is not published on its own
    vi.setSystemTime(T0 + 1000);
    const d = hub.applyServerHealth(server, 1, history);
    expect(d.selfHealth).toEqual({ at: T0 + 1000, server, probeWorker: worker, rssBytes: 1, history });
    expect(hub.snapshot().selfHealth).toEqual(d.selfHealth);
    expect(hub.selfHealthNow()).toEqual(d.selfHealth);
  });

  it('carries what the close joiners hold while the worker reports it, and drops it when the worker stops', () => {
    const { hub } = setup();
    const kept = { pending: 1, early: 0, sent: 42 };
    hub.applyProbeWorkerDelay(worker, kept);
    expect(hub.applyServerHealth(server, 1, HISTORY_OK).selfHealth?.brokerLogKept).toEqual(kept);
    hub.applyProbeWorkerDelay(worker);
    expect(hub.applyServerHealth(server, 1, HISTORY_OK).selfHealth).not.toHaveProperty('brokerLogKept');
  });

  it('deltas that are not about health carry no selfHealth', () => {
    const { hub } = setup();
    hub.applyServerHealth(server, 1, HISTORY_OK);
    const d = hub.applyProbes([{ targetId: 'local', state: probeState(), sample: probeSample(T0) }]);
    expect('selfHealth' in d).toBe(false);
  });
});

describe('Hub: every apply is exactly one seq', () => {
  it('numbers deltas 1, 2, 3… across every kind of input', () => {
    const { hub, deltas } = setup();
    const applies: Array<() => Delta | null> = [
      () => hub.applyOutcome('local', okOutcome(rawPoll(T0)), { attemptAt: T0, nextPollAt: T0 + 5000 }),
      () => hub.applyProbes([{ targetId: 'local', state: probeState(), sample: probeSample(T0) }]),
      () => hub.applyProbes([]),
      () => hub.applyProbeFailure('local', { cause: 'reset-by-broker', detail: 'read ECONNRESET', at: T0 }, 'rabbitpulse-probe/local'),
      () => hub.applyProbeRecovered('local', { startedAt: T0, endedAt: T0 + 3000, durationMs: 3000, cause: 'reset-by-broker', message: 'read ECONNRESET' }, 'rabbitpulse-probe/local'),
      () =>
        hub.applyLargeMessageFailure(
          'local',
          { sizeBytes: 2 * 1024 ** 2, label: '2 MiB', status: 'rejected', at: T0, latencyMs: null, throughputMBps: null, message: 'rejected', limitBytes: 1024 ** 2 },
          'rabbitpulse-large/local',
        ),
      () => hub.applyBrokerClose('local', observedClose({ at: T0 + 100 })),
      () => hub.applyBrokerNotice('local', { kind: 'alarm', at: T0, set: true, node: 'rabbit@localhost', resource: 'memory' }),
      () => hub.applyBrokerNotice('local', { kind: 'auth.failure', at: T0, user: 'bob', peer: null, error: null }),
      () => hub.applyServerHealth({ p50Ms: 1, p99Ms: 2, maxMs: 3 }, 1, HISTORY_OK),
    ];
    applies.forEach((apply, i) => {
      const d = apply();
      expect(d?.seq, `apply #${i}`).toBe(i + 1);
      expect(hub.snapshot().seq).toBe(i + 1);
    });
    expect(deltas.map((d) => d.seq)).toEqual(applies.map((_, i) => i + 1));
  });

  it('an ignored own-connection close and a worker delay report do not use a seq', () => {
    const { hub } = setup();
    hub.applyProbes([]);
    hub.applyBrokerClose('local', observedClose({ providedName: 'rabbitpulse-probe/local' }));
    hub.applyProbeWorkerDelay({ p50Ms: 1, p99Ms: 1, maxMs: 1 });
    expect(hub.applyProbes([]).seq).toBe(2);
  });
});
