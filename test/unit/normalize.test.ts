import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  normalizeChannels,
  normalizeConnections,
  normalizeLiveConnectionNames,
  normalizeConsumers,
  normalizeNodes,
  normalizeOverview,
  normalizeQueues,
} from '../../server/sources/management/normalize';
import { rawChannel, rawConnection, rawConsumer, rawQueue } from './builders';
import { channelJson, connectionJson, consumerJson, nodeJson, overviewJson, queueJson, without } from './management-json';

describe('normalize: realistic 3.10.8 rows', () => {
  it('connection', () => {
    expect(normalizeConnections([connectionJson()])).toEqual([rawConnection({ connectedAt: 1795287302671 })]);
  });
  it('channel', () => {
    expect(normalizeChannels([channelJson()])).toEqual([rawChannel()]);
  });
  it('consumer', () => {
    expect(normalizeConsumers([consumerJson()])).toEqual([rawConsumer()]);
  });
  it('queue', () => {
    expect(normalizeQueues([queueJson()])).toEqual([rawQueue()]);
  });
  it('overview', () => {
    expect(normalizeOverview(overviewJson())).toEqual({
      clusterName: 'rabbit@localhost',
      rabbitmqVersion: '3.10.8',
      erlangVersion: '25.2.3',
      managementVersion: '3.10.8',
      publishRate: 1.5,
      deliverRate: 0.5,
      ackRate: 0.25,
    });
  });
  it('node', () => {
    expect(normalizeNodes([nodeJson()])).toEqual([
      {
        name: 'rabbit@localhost',
        running: true,
        memUsed: 120_000_000,
        memLimit: 1_600_000_000,
        memAlarm: false,
        diskFree: 10_000_000_000,
        diskFreeLimit: 50_000_000,
        diskAlarm: false,
        fdUsed: 40,
        fdTotal: 1024,
        socketsUsed: 2,
        socketsTotal: 829,
        procUsed: 400,
        procTotal: 1_048_576,
        uptimeMs: 3_600_000,
      },
    ]);
  });
});

describe('normalize: missing fields become null, not 0', () => {
  it('connection with stats dropped (4.x without metrics collection)', () => {
    const bare = without(connectionJson(), 'timeout', 'state', 'send_pend', 'recv_oct', 'recv_oct_details', 'send_oct_details', 'frame_max', 'channels', 'connected_at', 'peer_port', 'node', 'protocol');
    expect(normalizeConnections([bare])[0]).toMatchObject({
      timeout: null,
      state: null,
      sendPend: null,
      recvOct: null,
      recvRate: null,
      sendRate: null,
      frameMax: null,
      channels: null,
      connectedAt: null,
      peerPort: null,
      node: null,
      protocol: null,
    });
  });

  it('connection with no client properties and only a client-chosen connection_name', () => {
    const c = { ...without(connectionJson(), 'user_provided_name'), client_properties: { connection_name: 'from-props' } };
    expect(normalizeConnections([c])[0]).toMatchObject({ providedName: 'from-props', clientProduct: null, clientVersion: null, platform: null });
    const none = without(connectionJson(), 'user_provided_name', 'client_properties');
    expect(normalizeConnections([none])[0]).toMatchObject({ providedName: null, clientProduct: null });
  });

  it("py-amqp's product_version stands in for the version it never sends; version wins when both are sent", () => {
    const pyAmqp = { ...connectionJson(), client_properties: { product: 'py-amqp', product_version: '5.1.1' } };
    expect(normalizeConnections([pyAmqp])[0]).toMatchObject({ clientProduct: 'py-amqp', clientVersion: '5.1.1' });
    const both = { ...connectionJson(), client_properties: { product: 'x', version: '2.0.0', product_version: '1.0.0' } };
    expect(normalizeConnections([both])[0]!.clientVersion).toBe('2.0.0');
  });

  it('timeout 0 stays 0 (heartbeats disabled is not "unknown")', () => {
    expect(normalizeConnections([{ ...connectionJson(), timeout: 0 }])[0]!.timeout).toBe(0);
  });

  it.each([
    ['a string', '7'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('non-finite or non-number timeout (%s) → null', (_what, v) => {
    expect(normalizeConnections([{ ...connectionJson(), timeout: v }])[0]!.timeout).toBeNull();
  });

  it('queue without persistent, utilisation and rates', () => {
    const q = without(queueJson(), 'messages_persistent', 'consumer_utilisation', 'message_stats', 'type', 'node');
    expect(normalizeQueues([q])[0]).toMatchObject({
      persistent: null,
      consumerUtilisation: null,
      publishRate: null,
      deliverRate: null,
      ackRate: null,
      redeliverRate: null,
      type: null,
      node: null,
    });
  });

  it('channel without message_stats has null rates and an unknown ack count (not 0)', () => {
    expect(normalizeChannels([without(channelJson(), 'message_stats')])[0]).toMatchObject({ ackRate: null, deliverRate: null, acks: null });
    expect(normalizeChannels([{ ...channelJson(), message_stats: { ack: 42 } }])[0]!.acks).toBe(42);
  });

  it('overview without message_stats has null rates', () => {
    expect(normalizeOverview({ rabbitmq_version: '4.1.0' })).toEqual({
      clusterName: null,
      rabbitmqVersion: '4.1.0',
      erlangVersion: null,
      managementVersion: null,
      publishRate: null,
      deliverRate: null,
      ackRate: null,
    });
  });

  it('node without stats', () => {
    const n = normalizeNodes([{ name: 'rabbit@b' }])[0]!;
    expect(n).toEqual({
      name: 'rabbit@b',
      running: true,
      memUsed: null,
      memLimit: null,
      memAlarm: false,
      diskFree: null,
      diskFreeLimit: null,
      diskAlarm: false,
      fdUsed: null,
      fdTotal: null,
      socketsUsed: null,
      socketsTotal: null,
      procUsed: null,
      procTotal: null,
      uptimeMs: null,
    });
    expect(normalizeNodes([{ name: 'rabbit@c', running: false, mem_alarm: true, disk_free_alarm: true }])[0]).toMatchObject({ running: false, memAlarm: true, diskAlarm: true });
  });
});

describe('normalize: consumer timeout settings of a queue', () => {
  // As 3.10.8 answers `columns=arguments.x-consumer-timeout,effective_policy_definition.consumer-timeout`.
  const timeouts = (q: ReturnType<typeof normalizeQueues>[number]) => ({ argument: q.timeoutArgumentMs, policy: q.timeoutPolicyMs });
  it.each([
    ['neither set', {}, {}, { argument: null, policy: null }],
    ['the queue argument', { 'x-consumer-timeout': 20000 }, {}, { argument: 20000, policy: null }],
    ['the policy key', {}, { 'consumer-timeout': 900000 }, { argument: null, policy: 900000 }],
    ['both', { 'x-consumer-timeout': 20000 }, { 'consumer-timeout': 900000 }, { argument: 20000, policy: 900000 }],
    // The broker ignores a string argument (rabbitmq-server#9914); so must the countdown.
    ['an argument given as a string', { 'x-consumer-timeout': '20000' }, {}, { argument: null, policy: null }],
    ['a negative or fractional value', { 'x-consumer-timeout': -1 }, { 'consumer-timeout': 1.5 }, { argument: null, policy: null }],
  ])('%s', (_case, args, policy, expected) => {
    expect(timeouts(normalizeQueues([{ ...queueJson(), arguments: args, effective_policy_definition: policy }])[0]!)).toEqual(expected);
  });

  it('a policy definition the broker has not reported yet (a new queue) is unknown', () => {
    expect(normalizeQueues([without(queueJson(), 'effective_policy_definition', 'arguments')])[0]).toMatchObject({ timeoutArgumentMs: null, timeoutPolicyMs: null });
  });
});

describe('normalize: shape', () => {
  const listFns = [
    ['connections', normalizeConnections],
    ['channels', normalizeChannels],
    ['consumers', normalizeConsumers],
    ['queues', normalizeQueues],
    ['nodes', normalizeNodes],
  ] as const;

  it.each(listFns)('/api/%s: an object, an HTML page or null throws ShapeError naming the endpoint', (endpoint, fn) => {
    expect(() => fn({ error: 'not_found', reason: 'Not Found' })).toThrow(ShapeError);
    expect(() => fn({ error: 'x' })).toThrow(`/api/${endpoint} returned an object where a list was expected`);
    expect(() => fn('<!DOCTYPE html><html><body>Login</body></html>')).toThrow(`/api/${endpoint} returned a string where a list was expected`);
    expect(() => fn(null)).toThrow(ShapeError);
    expect(() => fn({ items: 'nope', page: 1 })).toThrow(ShapeError);
  });

  it('overview that is not an object throws ShapeError', () => {
    expect(() => normalizeOverview([overviewJson()])).toThrow(ShapeError);
    expect(() => normalizeOverview('<html>')).toThrow('/api/overview returned a string where an object was expected');
  });

  it('ShapeError has its own name', () => {
    try {
      normalizeQueues(42);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ShapeError);
      expect((err as Error).name).toBe('ShapeError');
    }
  });

  it('accepts a paginated reply', () => {
    const page = { items: [queueJson(), { ...queueJson(), name: 'q2' }], page: 1, page_count: 1, page_size: 100, total_count: 2, item_count: 2, filtered_count: 2 };
    expect(normalizeQueues(page).map((q) => q.name)).toEqual(['peek-q', 'q2']);
    expect(normalizeConnections({ items: [connectionJson()], page: 1 })).toHaveLength(1);
    expect(normalizeConnections({ items: [], page: 1 })).toEqual([]);
  });

  it('skips rows that are not objects or have no name', () => {
    expect(normalizeConnections([connectionJson(), null, 'x', 3, [], without(connectionJson(), 'name'), { ...connectionJson(), name: '' }, { ...connectionJson(), name: 42 }])).toHaveLength(1);
    expect(normalizeChannels([channelJson(), without(channelJson(), 'name'), without(channelJson(), 'connection_details'), { ...channelJson(), connection_details: {} }])).toHaveLength(1);
    expect(normalizeConsumers([consumerJson(), without(consumerJson(), 'channel_details')])).toHaveLength(1);
    expect(normalizeQueues([queueJson(), without(queueJson(), 'name')])).toHaveLength(1);
  });

  it('fills required channel/consumer/queue numbers with 0 and strings with empty text when absent', () => {
    const ch = normalizeChannels([{ name: 'c (1)', connection_details: { name: 'c' } }])[0]!;
    expect(ch).toEqual({
      name: 'c (1)',
      connectionName: 'c',
      number: 0,
      prefetch: 0,
      globalPrefetch: 0,
      unacked: 0,
      unconfirmed: 0,
      confirm: false,
      consumerCount: 0,
      state: null,
      ackRate: null,
      deliverRate: null,
      acks: null,
    });
    expect(normalizeConsumers([{ channel_details: { name: 'c (1)' } }])[0]).toEqual({
      tag: '',
      channelName: 'c (1)',
      queue: '',
      vhost: '',
      ackRequired: false,
      prefetch: 0,
      exclusive: false,
      active: true,
    });
  });
});

describe('normalizeLiveConnectionNames', () => {
  it('reads the names of the tracked-connections list', () => {
    expect(normalizeLiveConnectionNames([{ name: 'a -> b' }, { name: 'c -> d', vhost: '/' }])).toEqual(['a -> b', 'c -> d']);
    expect(normalizeLiveConnectionNames([])).toEqual([]);
  });

  it('gives null for anything it cannot trust, so the stats list is used as it is', () => {
    expect(normalizeLiveConnectionNames({ items: [] })).toBeNull();
    expect(normalizeLiveConnectionNames([{ name: 'a' }, { vhost: '/' }])).toBeNull();
    expect(normalizeLiveConnectionNames('<html>')).toBeNull();
    expect(normalizeLiveConnectionNames(null)).toBeNull();
  });
});
