import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionId } from '../../server/shared/object-id';
import { CONN_ID, CONN_NAME, CONN_OPENED_AT, observedClose, rawChannel, rawConnection, rawConsumer, rawPoll } from './builders';
import { hubWithOneTarget } from './hub-harness';

const T0 = 1_795_000_000_000;
const OTHER = '10.0.0.9:5000 -> 127.0.0.1:5672';
const OTHER_ID = connectionId(OTHER, CONN_OPENED_AT);

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

const setup = hubWithOneTarget;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Hub.applyBrokerClose', () => {
  it('removes the connection at once and emits one event from the event exchange', () => {
    const { hub, poll, ids } = setup();
    poll(twoConnections(T0));
    poll(twoConnections(T0 + 5000)); // peek-me silent 5 s of its 7 s
    const d = hub.applyBrokerClose('local', observedClose({ at: T0 + 7000, order: 'abrupt' }))!;
    expect(d.seq).toBe(3);
    expect(d.targets).toHaveLength(1);
    expect(d.targets[0]).toMatchObject({ targetId: 'local', removeConnections: [CONN_ID], upsertConnections: [], upsertQueues: [], removeQueues: [] });
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({
      targetId: 'local',
      at: T0 + 7000,
      kind: 'connection.closed',
      connection: 'peek-me',
      source: 'event-exchange',
      cause: 'heartbeat-suspected', // 5 s silent + 2 s to the close ≥ 7 s, and abrupt
      certainty: 'likely',
      lastKnown: { id: CONN_ID, brokerName: CONN_NAME, silenceSec: 5, lastSeenAt: T0 + 5000, unacked: 3 },
    });
    expect(ids()).toEqual([OTHER_ID]);
    expect(hub.events().map((e) => e.id)).toEqual([d.events[0]!.id]);
  });

  it('a following poll that still lists the connection neither re-adds it nor reports it again', () => {
    const { hub, poll, ids } = setup();
    poll(twoConnections(T0));
    hub.applyBrokerClose('local', observedClose({ at: T0 + 2000 }));
    const d = poll(twoConnections(T0 + 5000)); // the management API lags
    expect(d.events).toEqual([]);
    expect(d.targets[0]!.upsertConnections.map((c) => c.id)).not.toContain(CONN_ID);
    expect(d.targets[0]!.removeConnections).toEqual([]);
    expect(ids()).toEqual([OTHER_ID]);
    expect(hub.events()).toHaveLength(1);
  });

  it('a later poll without the connection emits no event either', () => {
    const { hub, poll, ids } = setup();
    poll(twoConnections(T0));
    hub.applyBrokerClose('local', observedClose({ at: T0 + 2000 }));
    poll(twoConnections(T0 + 5000));
    const d = poll(onlyOther(T0 + 10_000));
    expect(d.events).toEqual([]);
    expect(d.targets[0]!.removeConnections).toEqual([]);
    expect(ids()).toEqual([OTHER_ID]);
    expect(hub.events()).toHaveLength(1);
  });

  it('the same close reported twice yields one event', () => {
    const { hub, poll, deltas } = setup();
    poll(twoConnections(T0));
    expect(hub.applyBrokerClose('local', observedClose({ at: T0 + 2000 }))).not.toBeNull();
    expect(hub.applyBrokerClose('local', observedClose({ at: T0 + 2100 }))).toBeNull();
    expect(hub.events()).toHaveLength(1);
    expect(deltas.map((d) => d.seq)).toEqual([1, 2]);
  });

  it('a close of a connection no poll saw emits an event but removes nothing', () => {
    const { hub, poll, ids } = setup();
    poll(twoConnections(T0));
    const d = hub.applyBrokerClose('local', observedClose({ at: T0 + 1000, name: '10.0.0.7:4000 -> 127.0.0.1:5672', providedName: 'short-lived', order: 'clean' }))!;
    expect(d.targets[0]!.removeConnections).toEqual([]);
    expect(d.events[0]).toMatchObject({ connection: 'short-lived', cause: 'clean', lastKnown: null });
    expect(d.events[0]!.explanation).toMatch(/churn/);
    expect(ids()).toEqual([CONN_ID, OTHER_ID]);
  });

  it.each(['rabbitpulse-probe/local', 'rabbitpulse-events/local', 'rabbitpulse-large/local'])('ignores the close of its own connection %s', (providedName) => {
    const { hub, poll, deltas, ids } = setup();
    poll(twoConnections(T0));
    expect(hub.applyBrokerClose('local', observedClose({ name: OTHER, providedName }))).toBeNull();
    expect(deltas).toHaveLength(1);
    expect(hub.events()).toEqual([]);
    expect(ids()).toEqual([CONN_ID, OTHER_ID]);
  });

  it('does not ignore an application whose name merely contains rabbitpulse', () => {
    const { hub, poll } = setup();
    poll(twoConnections(T0));
    expect(hub.applyBrokerClose('local', observedClose({ name: OTHER, providedName: 'my-rabbitpulse-probe/x' }))).not.toBeNull();
  });

  it('keeps the closed connection\'s chart history', () => {
    const { hub, poll, store } = setup();
    poll(twoConnections(T0));
    poll(twoConnections(T0 + 5000));
    hub.applyBrokerClose('local', observedClose({ at: T0 + 6000 }));
    expect(store.connectionSamples(CONN_ID)!.map((s) => s.at)).toEqual([T0, T0 + 5000]);
  });
});
