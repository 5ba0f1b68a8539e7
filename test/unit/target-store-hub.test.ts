import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeHandles } from '../../server/stream/liveness';
import { connectionId, queueId } from '../../server/shared/object-id';
import { CONN_ID, CONN_NAME, CONN_OPENED_AT, okOutcome, rawChannel, rawConnection, rawConsumer, rawPoll } from './builders';
import { hubWithOneTarget } from './hub-harness';

const T0 = 1_795_000_000_000;
const OTHER = '10.0.0.9:5000 -> 127.0.0.1:5672';
const OTHER_ID = connectionId(OTHER, CONN_OPENED_AT);

/** Two connections: the 7 s-heartbeat one from the builders, and a quiet 60 s one. */
const twoConnections = (at: number) =>
  rawPoll(at, {
    connections: [rawConnection(), rawConnection({ name: OTHER, providedName: 'quiet', peerHost: '10.0.0.9', peerPort: 5000, timeout: 60, recvOct: 10 })],
    channels: [rawChannel(), rawChannel({ connectionName: OTHER, unacked: 0 })],
    consumers: [rawConsumer()],
  });
const onlyOther = (at: number) => {
  const p = twoConnections(at);
  return { ...p, connections: p.connections.slice(1), channels: p.channels.slice(1), consumers: [] };
};
const none = (at: number) => rawPoll(at, { connections: [], channels: [], consumers: [] });

const setup = hubWithOneTarget;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TargetStore + Hub: good polls', () => {
  it('first poll upserts everything with a summary and a sample', () => {
    const { poll, store } = setup();
    const d = poll(twoConnections(T0));
    expect(d.seq).toBe(1);
    expect(d.events).toEqual([]);
    const t = d.targets[0]!;
    expect(t.targetId).toBe('local');
    expect(t.upsertConnections.map((c) => c.id)).toEqual([CONN_ID, OTHER_ID]);
    expect(t.upsertConnections[0]).toMatchObject({ name: 'peek-me', silenceSec: 0, heartbeatMarginSec: 7, recvChangedAt: T0, unacked: 3, channelCount: 1 });
    expect(t.upsertQueues.map((q) => q.id)).toEqual([queueId('/', 'peek-q')]);
    expect(t.removeConnections).toEqual([]);
    expect(t.removeQueues).toEqual([]);
    expect(t.summary).toMatchObject({
      id: 'local',
      observedAt: T0,
      totals: { connections: 2, channels: 2, consumers: 1, queues: 1, ready: 2, unacked: 3, messages: 5 },
      status: { kind: 'ok', lastGoodAt: T0 + 40, lastPollAt: T0 + 40, lastPollDurationMs: 40, consecutiveFailures: 0, nextPollAt: T0 + 5000 },
    });
    expect(t.summary!.overview!.rabbitmqVersion).toBe('3.10.8');
    expect(t.summary!.nodes!.map((n) => n.name)).toEqual(['rabbit@localhost']);
    expect(t.sample).toEqual({ at: T0, connections: 2, channels: 2, ready: 2, unacked: 3 });
    expect(store.state().connections).toHaveLength(2);
  });

  it('an identical later poll sends no rows, but a summary and a sample', () => {
    const { poll, store } = setup();
    poll(twoConnections(T0));
    const d = poll(twoConnections(T0 + 5000));
    expect(d.seq).toBe(2);
    const t = d.targets[0]!;
    expect(t.upsertConnections).toEqual([]);
    expect(t.removeConnections).toEqual([]);
    expect(t.upsertQueues).toEqual([]);
    expect(t.summary!.observedAt).toBe(T0 + 5000);
    expect(t.sample!.at).toBe(T0 + 5000);
    // the server's own state still has fresh silence
    expect(store.state().connections.map((c) => [c.silenceSec, c.heartbeatMarginSec])).toEqual([
      [5, 2],
      [5, 55],
    ]);
  });

  it('a moved byte counter is named by handle in recvMoved, not re-sent as a row', () => {
    const { poll, store } = setup();
    const first = poll(twoConnections(T0)).targets[0]!;
    const handleOfOther = first.upsertConnections.find((c) => c.id === OTHER_ID)!.handle;
    const p = twoConnections(T0 + 5000);
    p.connections[1] = { ...p.connections[1]!, recvOct: 99, recvRate: 3, sendRate: 8 };
    p.queues[0] = { ...p.queues[0]!, ready: 7 };
    const t = poll(p).targets[0]!;
    expect(t.upsertConnections).toEqual([]);
    expect(decodeHandles(t.recvMoved!)).toEqual([handleOfOther]);
    expect(t.upsertQueues.map((q) => q.ready)).toEqual([7]);
    expect(store.state().connections.find((c) => c.id === OTHER_ID)).toMatchObject({ recvChangedAt: T0 + 5000, silenceSec: 0 });
    expect(store.connectionTraffic(OTHER_ID)).toMatchObject({ observedAt: T0 + 5000, recvRate: 3, sendRate: 8 });
  });

  it('a changed unacked count re-sends the row whole', () => {
    const { poll } = setup();
    poll(twoConnections(T0));
    const p = twoConnections(T0 + 5000);
    p.channels[1] = { ...p.channels[1]!, unacked: 4 };
    const t = poll(p).targets[0]!;
    expect(t.upsertConnections.map((c) => [c.id, c.unacked])).toEqual([[OTHER_ID, 4]]);
    expect(t.recvMoved).toBeUndefined();
  });

  it('a vanished connection is removed and reported as a connection.closed event with its cause', () => {
    const { poll, hub, deltas } = setup();
    poll(twoConnections(T0));
    poll(twoConnections(T0 + 5000));
    poll(twoConnections(T0 + 10_000)); // peek-me silent 10 s against a 7 s timeout
    const d = poll(none(T0 + 15_000));
    expect(d.seq).toBe(4);
    expect(d.targets[0]!.removeConnections).toEqual([CONN_ID, OTHER_ID]);
    expect(d.events).toHaveLength(2);
    const byConn = Object.fromEntries(d.events.map((e) => [e.connection, e]));
    expect(byConn['peek-me']).toMatchObject({
      at: T0 + 15_040,
      targetId: 'local',
      kind: 'connection.closed',
      cause: 'heartbeat-suspected',
      certainty: 'likely',
      source: 'poll',
      lastKnown: { id: CONN_ID, brokerName: CONN_NAME, name: 'peek-me', heartbeatTimeoutSec: 7, silenceSec: 10, unacked: 3, lastSeenAt: T0 + 10_000 },
    });
    expect(byConn['peek-me']!.explanation).toContain('redeliver');
    expect(byConn['quiet']).toMatchObject({ cause: 'unknown', certainty: 'unknown', lastKnown: { heartbeatTimeoutSec: 60, silenceSec: 10, unacked: 0 } });
    expect(new Set(d.events.map((e) => e.id)).size).toBe(2);
    expect(hub.events().map((e) => e.id)).toEqual(d.events.map((e) => e.id));
    expect(hub.events(10, 'local')).toHaveLength(2);
    expect(hub.events(10, 'elsewhere')).toEqual([]);
    expect(hub.events(1)).toHaveLength(1);
    expect(deltas.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });

  it('a connection the stats list still shows but the live list does not is closed now', () => {
    const { poll, deltas } = setup();
    poll(twoConnections(T0));
    // The stats list is the broker's cached copy: it still has OTHER, which has closed.
    const d = poll({ ...twoConnections(T0 + 5000), liveConnectionNames: [CONN_NAME] });
    expect(d.targets[0]!.removeConnections).toEqual([OTHER_ID]);
    expect(d.events.map((e) => [e.kind, e.lastKnown?.id])).toEqual([['connection.closed', OTHER_ID]]);
    // Without a live list the stale stats row (same name, same connected_at) is still known closed: it stays gone.
    const again = poll({ ...twoConnections(T0 + 10_000), liveConnectionNames: null });
    expect(again.targets[0]!.upsertConnections).toEqual([]);
    expect(again.events).toEqual([]);
    expect(deltas.length).toBe(3);
  });

  it('a close sweep drops what the broker no longer lists, once, and ignores an answer older than the last poll', () => {
    const { poll, hub, deltas } = setup();
    const p = { ...twoConnections(T0), liveConnectionNames: [CONN_NAME, OTHER] };
    poll(p);
    // Asked before the poll read its own live list: nothing new, whatever it says.
    expect(hub.applyLiveConnections('local', [CONN_NAME], p.finishedAt - 1)).toBeNull();
    const d = hub.applyLiveConnections('local', [CONN_NAME], p.finishedAt + 500)!;
    expect(d.targets[0]!.removeConnections).toEqual([OTHER_ID]);
    expect(d.events.map((e) => [e.kind, e.source, e.lastKnown?.id])).toEqual([['connection.closed', 'poll', OTHER_ID]]);
    expect(hub.applyLiveConnections('local', [CONN_NAME], p.finishedAt + 1500)).toBeNull();
    // The next poll's stats list may be the broker's cached copy that still shows it: not re-added, not closed again.
    const next = poll({ ...twoConnections(T0 + 5000), liveConnectionNames: [CONN_NAME, OTHER] });
    expect(next.targets[0]!.upsertConnections.map((c) => c.id)).toEqual([]);
    expect(next.events).toEqual([]);
    expect(deltas.filter((x) => x.events.length > 0)).toHaveLength(1);
  });

  it('does not infer closes from the very first poll', () => {
    const { poll } = setup();
    expect(poll(none(T0)).events).toEqual([]);
  });
});

describe('TargetStore + Hub: failed polls', () => {
  it('keeps objects and lastGoodAt, counts failures, infers no closes', () => {
    const { poll, fail, store } = setup();
    poll(twoConnections(T0));
    const d1 = fail(T0 + 5000);
    const d2 = fail(T0 + 15_000, 'refused');
    expect(d1.seq).toBe(2);
    expect(d2.seq).toBe(3);
    expect(d2.events).toEqual([]);
    const t = d2.targets[0]!;
    expect(t).toMatchObject({ upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [] });
    expect(t.sample).toBeUndefined();
    expect(t.summary!.status).toEqual({
      kind: 'refused',
      message: 'The management API did not answer (refused).',
      lastGoodAt: T0 + 40,
      lastPollAt: T0 + 15_000,
      lastPollDurationMs: 40,
      consecutiveFailures: 2,
      nextPollAt: T0 + 25_000,
    });
    expect(d1.targets[0]!.summary!.status!.consecutiveFailures).toBe(1);
    // objects stay as last seen: a failed poll sends only the status, and the health its kind changed
    expect(Object.keys(t.summary!)).toEqual(['status', 'health']);
    expect(t.summary!.health!.reasons).toEqual(['management API connection refused']);
    expect(store.state().observedAt).toBe(T0);
    expect(store.state().connections.map((c) => c.id)).toEqual([CONN_ID, OTHER_ID]);
    expect(store.state().queues).toHaveLength(1);
    expect(store.targetSamples()).toHaveLength(1);
  });

  it('a failure before any good poll keeps lastGoodAt null', () => {
    const { fail } = setup();
    const status = fail(T0).targets[0]!.summary!.status;
    expect(status).toMatchObject({ kind: 'timeout', lastGoodAt: null, consecutiveFailures: 1 });
  });

  it('the next good poll resets the failure count and reports closes that happened meanwhile', () => {
    const { poll, fail } = setup();
    poll(twoConnections(T0));
    fail(T0 + 5000);
    fail(T0 + 15_000);
    const d = poll(onlyOther(T0 + 25_000));
    expect(d.seq).toBe(4);
    expect(d.targets[0]!.summary!.status).toMatchObject({ kind: 'ok', consecutiveFailures: 0, lastGoodAt: T0 + 25_040 });
    expect(d.targets[0]!.removeConnections).toEqual([CONN_ID]);
    expect(d.events).toHaveLength(1);
    // silent 0 s when last seen, 25 s by the time it was found gone: past 7 s, but not "already half silent"
    expect(d.events[0]).toMatchObject({ connection: 'peek-me', cause: 'unknown', lastKnown: { lastSeenAt: T0, silenceSec: 0 } });
  });

  it('rejects an unknown target', () => {
    const { hub } = setup();
    expect(() => hub.applyOutcome('nope', okOutcome(none(T0)), { attemptAt: T0, nextPollAt: T0 })).toThrow('unknown target "nope"');
  });
});

describe('Hub: snapshot and series', () => {
  it('snapshot carries seq, targets, series and events (newest first)', () => {
    const { poll, hub } = setup();
    poll(twoConnections(T0));
    poll(twoConnections(T0 + 5000));
    poll(onlyOther(T0 + 10_000));
    poll(none(T0 + 15_000));
    const snap = hub.snapshot();
    expect(snap.seq).toBe(4);
    expect(snap.targets.map((t) => [t.id, t.connections.length, t.queues.length])).toEqual([['local', 0, 1]]);
    expect(snap.series.local!.map((s) => [s.at, s.connections, s.unacked])).toEqual([
      [T0, 2, 3],
      [T0 + 5000, 2, 3],
      [T0 + 10_000, 1, 3],
      [T0 + 15_000, 0, 3],
    ]);
    expect(snap.events.map((e) => [e.connection, e.at])).toEqual([
      ['quiet', T0 + 15_040],
      ['peek-me', T0 + 10_040],
    ]);
    expect(hub.state().targets).toEqual(snap.targets);
  });

  it('connectionSamples returns the history, also for a connection that just closed', () => {
    const { poll, store } = setup();
    poll(twoConnections(T0));
    poll(twoConnections(T0 + 5000));
    poll(twoConnections(T0 + 10_000));
    const expected = [
      { at: T0, silenceSec: 0, heartbeatMarginSec: 7, unacked: 3 },
      { at: T0 + 5000, silenceSec: 5, heartbeatMarginSec: 2, unacked: 3 },
      { at: T0 + 10_000, silenceSec: 10, heartbeatMarginSec: -3, unacked: 3 },
    ];
    expect(store.connectionSamples(CONN_ID)).toEqual(expected);
    poll(onlyOther(T0 + 15_000));
    expect(store.connectionSamples(CONN_ID)).toEqual(expected);
    expect(store.connectionSamples(OTHER_ID)).toHaveLength(4);
    expect(store.connectionSamples('never-seen')).toBeNull();
  });

  it('connection samples keep null silence as null and tenths exact', () => {
    const { poll, store } = setup();
    poll(rawPoll(T0, { connections: [rawConnection({ recvOct: null })] }));
    poll(rawPoll(T0 + 4200, { connections: [rawConnection({ recvOct: null })] }));
    expect(store.connectionSamples(CONN_ID)!.map((s) => s.silenceSec)).toEqual([null, null]);
    const { poll: poll2, store: store2 } = setup();
    poll2(rawPoll(T0));
    poll2(rawPoll(T0 + 4200));
    expect(store2.connectionSamples(CONN_ID)!.map((s) => [s.silenceSec, s.heartbeatMarginSec])).toEqual([
      [0, 7],
      [4.2, 2.8],
    ]);
  });

  it('queueSamples tracks ready/unacked and forgets deleted queues', () => {
    const { poll, store } = setup();
    poll(rawPoll(T0));
    poll(rawPoll(T0 + 5000, { queues: [] }));
    expect(store.queueSamples(queueId('/', 'peek-q'))).toBeNull();
    poll(rawPoll(T0 + 10_000));
    expect(store.queueSamples(queueId('/', 'peek-q'))).toEqual([{ at: T0 + 10_000, ready: 2, unacked: 3 }]);
  });

  it('a listener can unsubscribe', () => {
    const { hub, poll } = setup();
    const seen: number[] = [];
    const off = hub.onDelta((d) => seen.push(d.seq));
    poll(none(T0));
    off();
    poll(none(T0 + 5000));
    expect(seen).toEqual([1]);
  });
});
