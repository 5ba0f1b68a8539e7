import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionId } from '../../server/shared/object-id';
import { CONN_NAME, observedClose, rawConnection, rawPoll } from './builders';
import { hubWithOneTarget } from './hub-harness';
import { CLOSED_MEMORY_MS, ConnectionIdentity } from '../../server/state/connection-identity';

/**
 * The OS gives a closed connection's client port to a new connection, so the
 * broker's name `peer -> listener` comes back for a different connection. In
 * a 10-minute churn 774 of 5,999 closes were lost this way: the successor was
 * hidden as "recently closed" and its own close dropped as a duplicate. Each
 * case walks one order in which the two connections can be seen.
 */
const T0 = 1_795_000_000_000;
const A_OPENED = T0 - 60_000;
const B_OPENED = T0 + 7_000;
const A_ID = connectionId(CONN_NAME, A_OPENED);
const B_ID = connectionId(CONN_NAME, B_OPENED);

const listing = (at: number, ...opened: number[]) =>
  rawPoll(at, { connections: opened.map((connectedAt) => rawConnection({ connectedAt, providedName: connectedAt === A_OPENED ? 'first' : 'second' })), channels: [], consumers: [] });

const setup = hubWithOneTarget;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('a broker name reused by a new connection', () => {
  it('event exchange: the successor is listed at the next poll and its own close is reported', () => {
    const { hub, poll, ids, closes } = setup();
    poll(listing(T0, A_OPENED));
    expect(ids()).toEqual([A_ID]);
    hub.applyBrokerClose('local', observedClose({ pid: '<x.1.0>', at: T0 + 6000, createdAt: A_OPENED + 3, providedName: 'first' }));
    // The broker's cached stats list may still show A; B then opens on the same port.
    poll(listing(T0 + 10_000, A_OPENED));
    expect(ids()).toEqual([]);
    poll(listing(T0 + 15_000, B_OPENED));
    expect(ids()).toEqual([B_ID]);
    const d = hub.applyBrokerClose('local', observedClose({ pid: '<x.2.0>', at: T0 + 16_000, createdAt: B_OPENED + 2, providedName: 'second' }));
    expect(d?.targets[0]!.removeConnections).toEqual([B_ID]);
    expect(closes().map((e) => [e.connection, e.lastKnown?.id])).toEqual([
      ['second', B_ID],
      ['first', A_ID],
    ]);
  });

  it('event exchange: a successor opened and closed between polls is reported, and its stale listing is not', () => {
    const { hub, poll, ids, closes } = setup();
    poll(listing(T0, A_OPENED));
    hub.applyBrokerClose('local', observedClose({ pid: '<x.1.0>', at: T0 + 1000, createdAt: A_OPENED + 3, providedName: 'first' }));
    hub.applyBrokerClose('local', observedClose({ pid: '<x.2.0>', at: B_OPENED + 500, createdAt: B_OPENED + 2, providedName: 'second' }));
    expect(closes().map((e) => e.connection)).toEqual(['second', 'first']);
    expect(closes()[0]!.lastKnown).toBeNull(); // never polled: only what the event exchange said
    poll(listing(T0 + 10_000, B_OPENED)); // the cached stats list still shows B
    expect(ids()).toEqual([]);
  });

  it('polls only: a changed connected_at under one name is a close and a new connection', () => {
    const { poll, ids, closes } = setup();
    poll(listing(T0, A_OPENED));
    const d = poll(listing(T0 + 10_000, B_OPENED));
    expect(d.targets[0]!.removeConnections).toEqual([A_ID]);
    expect(d.targets[0]!.upsertConnections.map((c) => c.id)).toEqual([B_ID]);
    expect(ids()).toEqual([B_ID]);
    expect(closes().map((e) => [e.source, e.lastKnown?.id])).toEqual([['poll', A_ID]]);
  });

  it('close sweep: a live name that is already a successor is settled by the next poll', () => {
    const { hub, poll, ids, closes } = setup();
    poll({ ...listing(T0, A_OPENED), liveConnectionNames: [CONN_NAME] });
    expect(hub.applyLiveConnections('local', [CONN_NAME], T0 + 9000)).toBeNull(); // the name is live: it may be B
    poll({ ...listing(T0 + 10_000, B_OPENED), liveConnectionNames: [CONN_NAME] });
    expect(ids()).toEqual([B_ID]);
    expect(closes().map((e) => e.lastKnown?.id)).toEqual([A_ID]);
  });

  it('a poll reports the close first (subscription behind): the late event is a duplicate, the successor\'s is not', () => {
    const { hub, poll, closes } = setup();
    poll(listing(T0, A_OPENED));
    poll(listing(T0 + 5000)); // A gone: reported by the poll
    expect(hub.applyBrokerClose('local', observedClose({ pid: '<x.1.0>', at: T0 + 3000, createdAt: A_OPENED + 3, providedName: 'first' }))).toBeNull();
    expect(hub.applyBrokerClose('local', observedClose({ pid: '<x.2.0>', at: T0 + 9000, createdAt: T0 + 8000, providedName: 'second' }))).not.toBeNull();
    expect(closes().map((e) => [e.source, e.connection])).toEqual([
      ['event-exchange', 'second'],
      ['poll', 'first'],
    ]);
  });

  it('without connected_at (statistics off) a closed name hides only briefly, then a listing is a new connection', () => {
    const { hub, poll, ids } = setup();
    const untimed = (at: number) => rawPoll(at, { connections: [rawConnection({ connectedAt: null })], channels: [], consumers: [] });
    poll(untimed(T0));
    const first = ids()[0]!;
    hub.applyBrokerClose('local', observedClose({ pid: '<x.1.0>', at: T0 + 1000, createdAt: null }));
    poll(untimed(T0 + 5000));
    expect(ids()).toEqual([]);
    poll(untimed(T0 + 30_000));
    expect(ids()).toHaveLength(1);
    expect(ids()[0]).not.toBe(first);
  });
});

describe('memory of closed connections', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('is bounded by time even while no poll succeeds (closes keep coming from the event exchange)', () => {
    const identity = new ConnectionIdentity();
    for (let i = 0; i < 20_000; i++) {
      identity.markClosed(`10.0.0.1:${i} -> 127.0.0.1:5672`, { id: null, createdAt: null, closedAt: T0 + i * 100, pid: `<x.${i}.0>`, reportedByPoll: false });
    }
    // 2,000 s of closes at 10/s; only about the last CLOSED_MEMORY_MS of them (plus one prune interval) are kept.
    expect(identity.size().closedNames).toBeLessThanOrEqual((CLOSED_MEMORY_MS + 10_000) / 100 + 1);
    expect(identity.size().closedNames).toBeGreaterThanOrEqual(CLOSED_MEMORY_MS / 100);
  });
});
