import { describe, expect, it } from 'vitest';
import { clientLabel, connectionState, deriveConnections, trackRecv, type RecvTrack, type RecvTracks } from '../../server/analysis/connections';
import type { CountdownOf } from '../../server/analysis/channel-countdown';
import type { RawConnection } from '../../server/sources/management/types';
import { CONN_NAME, rawChannel, rawConnection, rawConsumer } from './builders';

const T0 = 1_000_000;
/** In these tests a connection's id is its broker name (the store gives real ids: ConnectionIdentity). */
const byName = (row: RawConnection) => row.name;

describe('trackRecv over a sequence of polls', () => {
  type Step = { at: number; conns: RawConnection[]; expected: Record<string, RecvTrack> };
  const a = (recvOct: number | null, recvRate: number | null = 0) => rawConnection({ name: 'a', recvOct, recvRate });
  const b = (recvOct: number | null, recvRate: number | null = 0) => rawConnection({ name: 'b', recvOct, recvRate });

  const steps: Step[] = [
    {
      // first seen: rate 0 → silence is only a lower bound; rate > 0 → it just received bytes
      at: T0,
      conns: [a(100, 0), b(500, 12.5)],
      expected: {
        a: { recvOct: 100, changedAt: T0, sinceFirstSeen: true },
        b: { recvOct: 500, changedAt: T0, sinceFirstSeen: false },
      },
    },
    {
      // a unchanged → kept as is; b moved → changedAt resets
      at: T0 + 5000,
      conns: [a(100), b(620)],
      expected: {
        a: { recvOct: 100, changedAt: T0, sinceFirstSeen: true },
        b: { recvOct: 620, changedAt: T0 + 5000, sinceFirstSeen: false },
      },
    },
    {
      // a moves for the first time → no longer "since first seen"; b unchanged
      at: T0 + 10_000,
      conns: [a(140), b(620)],
      expected: {
        a: { recvOct: 140, changedAt: T0 + 10_000, sinceFirstSeen: false },
        b: { recvOct: 620, changedAt: T0 + 5000, sinceFirstSeen: false },
      },
    },
    {
      // b gone → dropped; c first seen with a null rate → lower bound
      at: T0 + 15_000,
      conns: [a(140), rawConnection({ name: 'c', recvOct: 7, recvRate: null })],
      expected: {
        a: { recvOct: 140, changedAt: T0 + 10_000, sinceFirstSeen: false },
        c: { recvOct: 7, changedAt: T0 + 15_000, sinceFirstSeen: true },
      },
    },
    {
      // everything gone
      at: T0 + 20_000,
      conns: [],
      expected: {},
    },
  ];

  it('advances one poll at a time', () => {
    let tracks: RecvTracks = new Map();
    for (const [i, step] of steps.entries()) {
      tracks = trackRecv(tracks, step.conns, step.at, byName);
      expect(Object.fromEntries(tracks), `step ${i}`).toEqual(step.expected);
    }
  });

  it('does not mutate the previous map', () => {
    const prev = trackRecv(new Map(), [a(1)], T0, byName);
    const next = trackRecv(prev, [a(2)], T0 + 5000, byName);
    expect(prev.get('a')).toEqual({ recvOct: 1, changedAt: T0, sinceFirstSeen: true });
    expect(next.get('a')).toEqual({ recvOct: 2, changedAt: T0 + 5000, sinceFirstSeen: false });
  });

  // null means "the broker did not tell us" (contract.ts), not "the counter moved":
  // one poll without recv_oct must not reset a silent connection's countdown.
  it('does not treat a missing recv_oct as counter movement', () => {
    let tracks: RecvTracks = new Map();
    tracks = trackRecv(tracks, [a(100)], T0, byName);
    tracks = trackRecv(tracks, [a(null)], T0 + 5000, byName);
    tracks = trackRecv(tracks, [a(100)], T0 + 10_000, byName);
    expect(tracks.get('a')).toMatchObject({ recvOct: 100, changedAt: T0, sinceFirstSeen: true });
  });
});

/** These tests are not about the consumer timeout countdown (channel-countdown.test.ts is). */
const noCountdown: CountdownOf = () => ({ unackedSince: null, unackedSinceFirstSeen: false, hasAcked: false, consumerTimeoutMs: null, consumerTimeoutSource: null });

/** Handles as a TargetStore hands them out: one per id, first come first numbered. */
const handles = new Map<string, number>();
const handleOf = (id: string) => handles.get(id) ?? handles.set(id, handles.size + 1).get(id)!;

describe('deriveConnections', () => {
  const derive = (conns: RawConnection[], observedAt = T0, channels = [rawChannel()], consumers = [rawConsumer()]) =>
    deriveConnections(conns, channels, consumers, trackRecv(new Map(), conns, observedAt, byName), observedAt, byName, handleOf, noCountdown);

  it('joins channels by connectionName and consumers by channelName, channels sorted by number', () => {
    const other = '10.0.0.9:5000 -> 127.0.0.1:5672';
    const channels = [
      rawChannel({ number: 3, unacked: 4 }),
      rawChannel({ connectionName: other, number: 1, unacked: 100 }),
      rawChannel({ number: 1, unacked: 3 }),
      rawChannel({ number: 2, unacked: 0, consumerCount: 0 }),
    ];
    const consumers = [
      rawConsumer({ tag: 'c1', channelName: `${CONN_NAME} (1)` }),
      rawConsumer({ tag: 'c3', channelName: `${CONN_NAME} (3)`, queue: 'other-q', ackRequired: false, prefetch: 0 }),
      rawConsumer({ tag: 'x', channelName: `${other} (1)` }),
    ];
    const [conn, second] = derive([rawConnection(), rawConnection({ name: other, peerHost: '10.0.0.9', peerPort: 5000 })], T0, channels, consumers);
    expect(conn!.channels.map((c) => [c.id, c.number, c.unacked])).toEqual([
      [`${CONN_NAME} (1)`, 1, 3],
      [`${CONN_NAME} (2)`, 2, 0],
      [`${CONN_NAME} (3)`, 3, 4],
    ]);
    expect(conn!.channels.map((c) => c.consumers.map((x) => x.tag))).toEqual([['c1'], [], ['c3']]);
    expect(conn!.channels[2]!.consumers[0]).toEqual({
      tag: 'c3',
      queue: 'other-q',
      vhost: '/',
      ackRequired: false,
      prefetch: 0,
      exclusive: false,
      active: true,
    });
    expect(conn!.unacked).toBe(7);
    expect(conn!.channelCount).toBe(3);
    expect(second!.channels.map((c) => c.id)).toEqual([`${other} (1)`]);
    expect(second!.unacked).toBe(100);
  });

  it('copies channel fields and takes the larger consumer count', () => {
    const ch = rawChannel({ prefetch: 0, globalPrefetch: 10, unconfirmed: 2, confirm: true, consumerCount: 0, ackRate: 1.5, deliverRate: 2.5 });
    const [conn] = derive([rawConnection()], T0, [ch], [rawConsumer(), rawConsumer({ tag: 'two' })]);
    expect(conn!.channels[0]).toMatchObject({
      prefetch: 0,
      globalPrefetch: 10,
      unconfirmed: 2,
      confirmMode: true,
      consumerCount: 2,
      state: 'running',
    });
    // Rates are not part of the streamed rows (they move with every heartbeat); see traffic.test.ts.
    expect(conn!.channels[0]).not.toHaveProperty('ackRate');
  });

  it('falls back to the connection counter for channelCount when no channel rows arrived', () => {
    const [conn] = derive([rawConnection({ channels: 4 })], T0, [], []);
    expect(conn!.channelCount).toBe(4);
    expect(conn!.unacked).toBe(0);
    expect(conn!.channels).toEqual([]);
  });

  it.each([
    { case: 'provided name', raw: {}, name: 'peek-me', peer: '127.0.0.1:47036' },
    { case: 'no provided name → peer host:port', raw: { providedName: null }, name: '127.0.0.1:47036', peer: '127.0.0.1:47036' },
    { case: 'empty provided name → peer host:port', raw: { providedName: '' }, name: '127.0.0.1:47036', peer: '127.0.0.1:47036' },
    {
      case: 'no peer fields → left side of the broker name',
      raw: { providedName: null, peerHost: null, peerPort: null, name: '[::1]:40734 -> [::1]:5672' },
      name: '[::1]:40734',
      peer: '[::1]:40734',
    },
    {
      case: 'peer host without port → left side of the broker name',
      raw: { providedName: null, peerPort: null },
      name: '127.0.0.1:47036',
      peer: '127.0.0.1:47036',
    },
    { case: 'name without arrow', raw: { providedName: null, peerHost: null, name: 'weird' }, name: 'weird', peer: 'weird' },
  ])('display name: $case', ({ raw, name, peer }) => {
    const [conn] = derive([rawConnection(raw as Partial<RawConnection>)]);
    expect(conn!.name).toBe(name);
    expect(conn!.peer).toBe(peer);
  });

  it.each([
    ['amqplib', '2.3.1', 'amqplib 2.3.1'],
    ['pika', null, 'pika'],
    [null, '1.0', 'unknown'],
    [null, null, 'unknown'],
    ['', '1.0', 'unknown'],
  ])('client label of product %j version %j is %j', (product, version, label) => {
    expect(clientLabel(product, version)).toBe(label);
    const [conn] = derive([rawConnection({ clientProduct: product, clientVersion: version })]);
    expect(conn!.client).toBe(label);
  });

  it('attaches the known defects of the client version; none for a version without any', () => {
    const [bad, good] = derive([
      rawConnection({ clientProduct: 'Pika Python Client Library', clientVersion: '0.11.2' }),
      rawConnection({ name: '10.0.0.9:5000 -> 127.0.0.1:5672', clientProduct: 'Pika Python Client Library', clientVersion: '1.3.2' }),
    ]);
    expect(bad!.knownDefects.map((d) => [d.area, d.fixedIn, d.source])).toEqual([['heartbeats', '0.12.0', 'https://github.com/pika/pika/issues/1055']]);
    expect(good!.knownDefects).toEqual([]);
  });

  it('asks the given lookup once per connection with its product and version (the store passes a memoised one)', () => {
    const asked: Array<[string | null, string | null]> = [];
    const [conn] = deriveConnections([rawConnection()], [], [], new Map(), T0, byName, handleOf, noCountdown, (product, version) => {
      asked.push([product, version]);
      return [];
    });
    expect(asked).toEqual([['amqplib', '2.3.1']]);
    expect(conn!.knownDefects).toEqual([]);
  });

  it.each([
    ['running', 'running'],
    ['flow', 'flow'],
    ['blocked', 'blocked'],
    ['blocking', 'blocking'],
    ['closing', 'closing'],
    ['hibernating', 'unknown'],
    ['RUNNING', 'unknown'],
    [null, 'unknown'],
  ])('state %j → %j', (raw, state) => {
    expect(connectionState(raw)).toBe(state);
    expect(derive([rawConnection({ state: raw })])[0]!.state).toBe(state);
  });

  it('carries the raw connection fields', () => {
    const [conn] = derive([rawConnection({ sendPend: 22_000, recvRate: 3, sendRate: 4 })]);
    expect(conn).toMatchObject({
      id: CONN_NAME,
      providedName: 'peek-me',
      clientProduct: 'amqplib',
      clientVersion: '2.3.1',
      platform: 'Node.JS v20.20.2',
      user: 'guest',
      vhost: '/',
      node: 'rabbit@localhost',
      protocol: 'AMQP 0-9-1',
      connectedAt: 1_795_287_302_671,
      heartbeatTimeoutSec: 7,
      sendPend: 22_000,
      frameMax: 131072,
    });
  });

  describe('silence and margin across polls', () => {
    type Poll = { at: number; recvOct: number | null; silence: number | null; margin: number | null; firstSeen: boolean; changedAt: number | null };
    const run = (timeout: number | null, polls: Poll[]) => {
      let tracks: RecvTracks = new Map();
      for (const [i, p] of polls.entries()) {
        const conns = [rawConnection({ timeout, recvOct: p.recvOct })];
        tracks = trackRecv(tracks, conns, p.at, byName);
        const [conn] = deriveConnections(conns, [], [], tracks, p.at, byName, handleOf, noCountdown);
        expect(
          { silence: conn!.silenceSec, margin: conn!.heartbeatMarginSec, firstSeen: conn!.silenceSinceFirstSeen, changedAt: conn!.recvChangedAt },
          `poll ${i}`,
        ).toEqual({ silence: p.silence, margin: p.margin, firstSeen: p.firstSeen, changedAt: p.changedAt });
      }
    };

    it('counts down a 7 s heartbeat while recv_oct stands still, and resets when it moves', () => {
      run(7, [
        { at: T0, recvOct: 395, silence: 0, margin: 7, firstSeen: true, changedAt: T0 },
        { at: T0 + 5000, recvOct: 395, silence: 5, margin: 2, firstSeen: true, changedAt: T0 },
        { at: T0 + 10_000, recvOct: 395, silence: 10, margin: -3, firstSeen: true, changedAt: T0 },
        { at: T0 + 15_000, recvOct: 420, silence: 0, margin: 7, firstSeen: false, changedAt: T0 + 15_000 },
        { at: T0 + 17_350, recvOct: 420, silence: 2.4, margin: 4.6, firstSeen: false, changedAt: T0 + 15_000 },
      ]);
    });

    it('heartbeats disabled (timeout 0) → silence counted, margin null', () => {
      run(0, [
        { at: T0, recvOct: 1, silence: 0, margin: null, firstSeen: true, changedAt: T0 },
        { at: T0 + 5000, recvOct: 1, silence: 5, margin: null, firstSeen: true, changedAt: T0 },
      ]);
    });

    it('timeout not reported → margin null', () => {
      run(null, [{ at: T0, recvOct: 1, silence: 0, margin: null, firstSeen: true, changedAt: T0 }]);
    });

    it('recv_oct not reported → silence and margin null', () => {
      run(7, [
        { at: T0, recvOct: null, silence: null, margin: null, firstSeen: true, changedAt: null },
        { at: T0 + 5000, recvOct: null, silence: null, margin: null, firstSeen: true, changedAt: null },
      ]);
    });
  });

  it('a connection without a tracker has unknown silence', () => {
    const [conn] = deriveConnections([rawConnection()], [], [], new Map(), T0, byName, handleOf, noCountdown);
    expect(conn).toMatchObject({ silenceSec: null, heartbeatMarginSec: null, recvChangedAt: null, silenceSinceFirstSeen: true });
  });
});
