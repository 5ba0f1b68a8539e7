import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrokerFinding } from '../../server/sources/broker-log/finding';
import type { CloseFinding } from '../../server/sources/broker-log/close-joiner';
import { CONN_ID, CONN_NAME, observedClose, rawChannel, rawConnection, rawConsumer, rawPoll } from './builders';
import { hubWithOneTarget } from './hub-harness';

const T0 = 1_795_000_000_000;
const NODE = 'rabbit@localhost';

const polled = (at: number) => rawPoll(at, { connections: [rawConnection()], channels: [rawChannel()], consumers: [rawConsumer()] });

const missedHeartbeats = (over: Partial<CloseFinding> = {}): CloseFinding => ({
  kind: 'connection-close',
  at: T0 + 7001,
  node: NODE,
  level: 'error',
  text: `closing AMQP connection <0.4242.0> (${CONN_NAME} - peek-me):\nmissed heartbeats from client, timeout: 7s`,
  pidKey: `${NODE}/4242.0`,
  brokerName: CONN_NAME,
  providedName: 'peek-me',
  vhost: '/',
  user: 'guest',
  cause: 'missed-heartbeats',
  timeoutSec: 7,
  reason: null,
  exception: null,
  ...over,
});

const doubleAck = (over: Partial<Extract<BrokerFinding, { kind: 'channel-error' }>> = {}): BrokerFinding => ({
  kind: 'channel-error',
  at: T0 + 6000,
  node: NODE,
  level: 'error',
  text: `Channel error on connection <0.4242.0> (${CONN_NAME}, vhost: '/', user: 'guest'), channel 1:\noperation basic.ack caused a channel exception precondition_failed: unknown delivery tag 1`,
  pidKey: `${NODE}/4242.0`,
  brokerName: CONN_NAME,
  vhost: '/',
  user: 'guest',
  channel: 1,
  operation: 'basic.ack',
  exception: 'precondition_failed',
  errorKind: 'unknown-delivery-tag',
  reason: 'unknown delivery tag 1',
  timeoutMs: null,
  channelPidKey: `${NODE}/4300.0`,
  ...over,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('Hub: closes in the broker\'s words', () => {
  it('a close joined to its log line is certain, from the broker log, with its words verbatim', () => {
    const { hub, poll } = hubWithOneTarget();
    poll(polled(T0));
    const d = hub.applyBrokerClose('local', observedClose({ at: T0 + 7000, order: 'abrupt' }), missedHeartbeats())!;
    expect(d.events[0]).toMatchObject({
      kind: 'connection.closed',
      cause: 'missed-heartbeats',
      certainty: 'certain',
      source: 'broker-log',
      detail: 'timeout 7 s',
      brokerLog: { level: 'error', node: NODE, text: missedHeartbeats().text },
      lastKnown: { id: CONN_ID, unacked: 3 },
    });
    expect(d.events[0]!.explanation).toMatch(/closed "peek-me" for missed heartbeats \(timeout 7 s\).*3 unacknowledged messages went back/);
  });

  it('a line that comes late restates the same event (same id) for browsers and history', () => {
    const { hub, poll, deltas } = hubWithOneTarget();
    poll(polled(T0));
    const first = hub.applyBrokerClose('local', observedClose({ at: T0 + 7000, order: 'abrupt' }))!.events[0]!;
    expect(first.certainty).not.toBe('certain');
    const d = hub.refineBrokerClose('local', observedClose({ at: T0 + 7000 }), missedHeartbeats())!;
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({ id: first.id, at: first.at, cause: 'missed-heartbeats', certainty: 'certain', source: 'broker-log' });
    expect(hub.events().filter((e) => e.kind === 'connection.closed')).toEqual([d.events[0]]);
    expect(deltas.at(-1)).toBe(d);
  });

  it('a refinement for a close it never published is dropped', () => {
    const { hub } = hubWithOneTarget();
    expect(hub.refineBrokerClose('local', observedClose({ pid: '<rabbit@localhost.1.9.0>' }), missedHeartbeats())).toBeNull();
  });

  it('a force-close keeps the reason the admin gave, with its reply code', () => {
    const { hub, poll } = hubWithOneTarget();
    poll(polled(T0));
    const forced = missedHeartbeats({ cause: 'forced', level: 'warning', timeoutSec: null, reason: 'planned maintenance', exception: 'connection_forced' });
    const e = hub.applyBrokerClose('local', observedClose({ at: T0 + 7000, order: 'clean' }), forced)!.events[0]!;
    expect(e).toMatchObject({ cause: 'forced', certainty: 'certain', detail: 'planned maintenance', code: 320 });
    expect(e.explanation).toMatch(/force-closed .* with the reason "planned maintenance"/);
  });
});

describe('Hub: channels the broker closed', () => {
  it('a double ack is a channel.closed event on the connection, naming the queue and the unacked that went back', () => {
    const { hub, poll } = hubWithOneTarget();
    poll(polled(T0));
    const d = hub.applyBrokerFinding('local', doubleAck(), null)!;
    expect(d.targets).toEqual([]); // the connection lives on
    expect(d.events[0]).toMatchObject({
      kind: 'channel.closed',
      connection: 'peek-me',
      cause: 'channel-error',
      certainty: 'certain',
      source: 'broker-log',
      code: 406,
      detail: 'precondition_failed: unknown delivery tag 1',
      lastKnown: { id: CONN_ID },
      channel: { number: 1, exception: 'precondition_failed', consumerTag: 'amq.ctag-x', queue: 'peek-q', unackedReturned: 3, timeoutMs: null },
    });
    expect(d.events[0]!.explanation).toMatch(/ack each delivery exactly once/);
  });

  it('a consumer timeout is its own cause, with the timeout and the queue from the warning', () => {
    const { hub, poll } = hubWithOneTarget();
    poll(polled(T0));
    const f = doubleAck({ errorKind: 'ack-timeout', operation: 'none', reason: 'delivery acknowledgement on channel 1 timed out. Timeout value used: 10000 ms', timeoutMs: 10_000 });
    const warning = { kind: 'consumer-timeout' as const, at: T0, node: NODE, level: 'warning' as const, text: 'Consumer 1 on channel 1 has timed out …', consumerTag: null, channel: 1, timeoutMs: 10_000, pidKey: null, channelPidKey: `${NODE}/4300.0`, queue: 'peek-q', vhost: '/', deliveryTag: 1 };
    const e = hub.applyBrokerFinding('local', f, warning)!.events[0]!;
    expect(e).toMatchObject({ cause: 'consumer-timeout', channel: { consumerTag: 'amq.ctag-x', queue: 'peek-q', timeoutMs: 10_000, unackedReturned: 3 } });
    expect(e.explanation).toMatch(/within the consumer timeout of 10 s/);
  });

  it('a channel of a connection no poll has seen is still reported, by the name the broker gave', () => {
    const { hub } = hubWithOneTarget();
    const e = hub.applyBrokerFinding('local', doubleAck(), null)!.events[0]!;
    expect(e).toMatchObject({ connection: CONN_NAME, lastKnown: null, channel: { unackedReturned: null, queue: null } });
  });
});

describe('Hub: other lines of the broker log', () => {
  const notice = (text: string, level: 'info' | 'warning' | 'error' = 'warning'): BrokerFinding => ({ kind: 'notice', at: T0, node: NODE, level, text });

  it('warnings become notices, each text once a minute', () => {
    const { hub } = hubWithOneTarget();
    expect(hub.applyBrokerFinding('local', notice('Queue q in vhost / is full'), null)!.events[0]).toMatchObject({ kind: 'broker.notice', cause: 'notice', detail: 'Queue q in vhost / is full' });
    expect(hub.applyBrokerFinding('local', notice('Queue q in vhost / is full'), null)).toBeNull();
    vi.setSystemTime(T0 + 60_000);
    expect(hub.applyBrokerFinding('local', notice('Queue q in vhost / is full'), null)).not.toBeNull();
  });

  it('a handshake timeout (never opened) is a close of its own; a refused login is left to the event exchange', () => {
    const { hub } = hubWithOneTarget();
    const handshake = missedHeartbeats({ cause: 'handshake-timeout', pidKey: null, providedName: null, timeoutSec: null });
    expect(hub.applyBrokerFinding('local', handshake, null)!.events[0]).toMatchObject({ kind: 'connection.closed', cause: 'handshake-timeout', connection: CONN_NAME, lastKnown: null });
    expect(hub.applyBrokerFinding('local', missedHeartbeats({ cause: 'auth-refused' }), null)).toBeNull();
  });
});

describe('Hub: a broker shutdown', () => {
  const SAID = "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'";

  it('closes found after the node went down are dated then, certain, with what the broker said', () => {
    const { hub, poll, fail } = hubWithOneTarget();
    poll(polled(T0));
    hub.applyBrokerShutdown('local', { at: T0 + 2000, text: SAID });
    fail(T0 + 5000, 'refused');
    vi.setSystemTime(T0 + 40_000);
    const d = poll(rawPoll(T0 + 40_000, { connections: [], channels: [], consumers: [] }));
    expect(d.events[0]).toMatchObject({ kind: 'connection.closed', at: T0 + 2000, cause: 'shutdown', certainty: 'certain', code: 320, detail: SAID, lastKnown: { id: CONN_ID } });
    expect(d.events[0]!.explanation).toMatch(/node shut down or restarted .* 3 unacknowledged messages went back/);
  });

  it('is forgotten once a good poll well after it has run: a later close is not blamed on it', () => {
    const { hub, poll } = hubWithOneTarget();
    hub.applyBrokerShutdown('local', { at: T0 - 60_000, text: SAID });
    poll(polled(T0));
    const d = poll(rawPoll(T0 + 5000, { connections: [], channels: [], consumers: [] }));
    expect(d.events[0]!.cause).not.toBe('shutdown');
  });

  it('a connection first seen after the shutdown did not go with it', () => {
    const { hub, poll } = hubWithOneTarget();
    hub.applyBrokerShutdown('local', { at: T0 - 1000, text: SAID });
    poll(polled(T0));
    const d = poll(rawPoll(T0 + 5000, { connections: [], channels: [], consumers: [] }));
    expect(d.events[0]!.cause).not.toBe('shutdown');
  });
});
