import { describe, expect, it } from 'vitest';
import { clientFromErlangTerms, parseBrokerEvent } from '../../server/sources/events/broker-event';

const FALLBACK = 1_700_000_000_000;
const STAMP = 1_795_287_302_671;
const CONN = '127.0.0.1:47036 -> 127.0.0.1:5672';
const CONN_PID = '<rabbit@localhost.1795287000.1234.0>';
const CH_PID = '<rabbit@localhost.1795287000.1240.0>';

/** `client_properties` as RabbitMQ 3.10's event exchange sends them: Erlang terms in strings. */
const AMQPLIB_PROPS = [
  '{<<"product">>,longstr,<<"amqplib">>}',
  '{<<"version">>,longstr,<<"2.3.1">>}',
  '{<<"platform">>,longstr,<<"Node.JS v20.20.2">>}',
  '{<<"connection_name">>,longstr,<<"peek-me">>}',
  '{<<"capabilities">>,table,[{<<"publisher_confirms">>,bool,true},{<<"exchange_exchange_bindings">>,bool,true}]}',
];

const buf = (s: string): string | Buffer => Buffer.from(s);
const str = (s: string): string | Buffer => s;

describe('parseBrokerEvent', () => {
  it.each([
    { case: 'strings', wrap: str },
    { case: 'Buffers', wrap: buf },
  ])('connection.created with header values as $case', ({ wrap }) => {
    const headers = {
      name: wrap(CONN),
      pid: wrap(CONN_PID),
      user_provided_name: wrap('peek-me'),
      timeout: 7,
      frame_max: 131072,
      user: wrap('guest'),
      vhost: wrap('/'),
      client_properties: AMQPLIB_PROPS.map(wrap),
      timestamp_in_ms: STAMP,
    };
    expect(parseBrokerEvent('connection.created', headers, FALLBACK)).toEqual({
      kind: 'connection.created',
      at: STAMP,
      pid: CONN_PID,
      name: CONN,
      providedName: 'peek-me',
      client: 'amqplib 2.3.1',
    });
  });

  it('connection.closed carries name, pid and client, no reason', () => {
    const headers = { name: CONN, pid: CONN_PID, node: 'rabbit@localhost', client_properties: AMQPLIB_PROPS, user_provided_name: 'peek-me', timestamp_in_ms: STAMP };
    expect(parseBrokerEvent('connection.closed', headers, FALLBACK)).toEqual({
      kind: 'connection.closed',
      at: STAMP,
      pid: CONN_PID,
      name: CONN,
      providedName: 'peek-me',
      client: 'amqplib 2.3.1',
    });
  });

  it('a connection without a provided name or client properties', () => {
    expect(parseBrokerEvent('connection.closed', { name: CONN, pid: CONN_PID }, FALLBACK)).toEqual({
      kind: 'connection.closed',
      at: FALLBACK,
      pid: CONN_PID,
      name: CONN,
      providedName: null,
      client: null,
    });
  });

  it.each([
    { case: 'no pid', headers: { name: CONN } },
    { case: 'no name', headers: { pid: CONN_PID } },
  ])('connection.closed with $case is dropped', ({ headers }) => {
    expect(parseBrokerEvent('connection.closed', headers, FALLBACK)).toBeNull();
  });

  it('channel.created links the channel to its connection pid', () => {
    const headers = { pid: buf(CH_PID), connection: buf(CONN_PID), number: 1, user: 'guest', vhost: '/', timestamp_in_ms: STAMP };
    expect(parseBrokerEvent('channel.created', headers, FALLBACK)).toEqual({ kind: 'channel.created', at: STAMP, pid: CH_PID, connectionPid: CONN_PID });
    expect(parseBrokerEvent('channel.created', { pid: CH_PID }, FALLBACK)).toBeNull();
  });

  it('channel.closed', () => {
    expect(parseBrokerEvent('channel.closed', { pid: CH_PID, timestamp_in_ms: STAMP }, FALLBACK)).toEqual({ kind: 'channel.closed', at: STAMP, pid: CH_PID });
    expect(parseBrokerEvent('channel.closed', {}, FALLBACK)).toBeNull();
  });

  it('user.authentication.failure', () => {
    const headers = {
      name: 'bob',
      connection_name: '10.0.0.5:51234 -> 10.0.0.2:5672',
      peer_host: '10.0.0.5',
      peer_port: 51234,
      auth_mechanism: 'PLAIN',
      error: buf('user \'bob\' - invalid credentials'),
      timestamp_in_ms: STAMP,
    };
    expect(parseBrokerEvent('user.authentication.failure', headers, FALLBACK)).toEqual({
      kind: 'auth.failure',
      at: STAMP,
      user: 'bob',
      peer: '10.0.0.5',
      error: "user 'bob' - invalid credentials",
    });
  });

  it('user.authentication.failure without a user name or peer host', () => {
    expect(parseBrokerEvent('user.authentication.failure', { connection_name: '10.0.0.5:51234 -> 10.0.0.2:5672' }, FALLBACK)).toEqual({
      kind: 'auth.failure',
      at: FALLBACK,
      user: 'unknown',
      peer: '10.0.0.5:51234 -> 10.0.0.2:5672',
      error: null,
    });
  });

  // rabbit_alarm.erl: rabbit_event:notify(alarm_set, [{source, Source}, {node, Node}]) — the resource is in `source`.
  it.each([
    { key: 'alarm.set', set: true, source: 'memory' },
    { key: 'alarm.cleared', set: false, source: 'disk' },
  ])('$key names the node and the resource', ({ key, set, source }) => {
    const headers = { source, node: buf('rabbit@localhost'), timestamp_in_ms: STAMP };
    expect(parseBrokerEvent(key, headers, FALLBACK)).toEqual({ kind: 'alarm', at: STAMP, set, node: 'rabbit@localhost', resource: source });
  });

  it.each(['consumer.created', 'consumer.deleted', 'queue.created', 'user.authentication.success', ''])('ignores %j', (key) => {
    expect(parseBrokerEvent(key, { name: CONN, pid: CONN_PID, timestamp_in_ms: STAMP }, FALLBACK)).toBeNull();
  });

  it('falls back to the given time when timestamp_in_ms is missing or not a number', () => {
    expect(parseBrokerEvent('channel.closed', { pid: CH_PID }, FALLBACK)!.at).toBe(FALLBACK);
    expect(parseBrokerEvent('channel.closed', { pid: CH_PID, timestamp_in_ms: String(STAMP) }, FALLBACK)!.at).toBe(FALLBACK);
  });
});

describe('clientFromErlangTerms', () => {
  it.each([
    { case: 'amqplib array of strings', raw: AMQPLIB_PROPS, out: 'amqplib 2.3.1' },
    { case: 'array of Buffers', raw: AMQPLIB_PROPS.map(buf), out: 'amqplib 2.3.1' },
    { case: 'one joined string', raw: AMQPLIB_PROPS.join(','), out: 'amqplib 2.3.1' },
    { case: 'pika, version first', raw: ['{<<"version">>,longstr,<<"1.3.2">>}', '{<<"product">>,longstr,<<"Pika Python Client Library">>}'], out: 'Pika Python Client Library 1.3.2' },
    { case: 'product without version', raw: ['{<<"product">>,longstr,<<"my-app">>}'], out: 'my-app' },
    { case: 'version without product', raw: ['{<<"version">>,longstr,<<"1.0">>}'], out: null },
    { case: 'empty array', raw: [], out: null },
    { case: 'missing', raw: undefined, out: null },
    { case: 'null', raw: null, out: null },
    { case: 'a product only inside a nested table is still the product', raw: ['{<<"capabilities">>,table,[]}', '{<<"product">>,longstr,<<"RabbitMQ .NET">>}'], out: 'RabbitMQ .NET' },
  ])('$case → $out', ({ raw, out }) => {
    expect(clientFromErlangTerms(raw)).toBe(out);
  });
});
