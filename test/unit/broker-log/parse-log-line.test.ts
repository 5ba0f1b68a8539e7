import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrokerFinding } from '../../../server/sources/broker-log/finding';
import { splitLogEvents } from '../../../server/sources/broker-log/log-events';
import { findingOf, MAX_PARSED, MAX_TEXT, parseBrokerLog } from '../../../server/sources/broker-log/parse-log-line';
import { pidKeyFromEvent, pidKeyFromLog } from '../../../server/sources/broker-log/pid-key';
import { capturedTable } from './captured-table';
import { DOC_NODE, documentedTable } from './documented-table';
import { close, comparable } from './expected';

interface CapturedMessage {
  scenario: string;
  routingKey: string;
  node: string | null;
  body: string;
  bodyBase64?: string;
  via?: 'log-file';
}
interface EventPid {
  scenario: string;
  name: string | null;
  providedName: string | null;
  pid: string | null;
  pidType: string;
}

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as T;
const captured = fixture<CapturedMessage[]>('rabbitmq-3.10.8.json');
const eventPids = fixture<EventPid[]>('rabbitmq-3.10.8.event-pids.json');
const documented = fixture<{ lines: Array<{ id: string; routingKey: string; body: string; source: string }> }>('documented.json');

const AT = 1_796_203_500_000;
const NODE = 'rabbit@localhost';
const P = '2026-12-02 09:24:04.540160+00:00 [info] <0.846.0> ';
/** A body as the log exchange carries it: every line (line breaks inside names too) prefixed, ending in a newline. */
const prefixed = (prefix: string, ...lines: string[]) =>
  lines
    .flatMap((l) => l.split('\n'))
    .map((l) => prefix + l + '\n')
    .join('');
/** The body as a consumer decodes it: UTF-8, with U+FFFD where the broker logged bytes that are not. */
const bodyOf = (m: CapturedMessage) => (m.bodyBase64 ? Buffer.from(m.bodyBase64, 'base64').toString('utf8') : m.body);

describe('parseBrokerLog over RabbitMQ 3.10.8 captures', () => {
  it('has an expectation for every captured message, and none for a message that is not there', () => {
    expect(Object.keys(capturedTable).map(Number).sort((a, b) => a - b)).toEqual(captured.map((_, i) => i));
  });

  it.each(captured.map((m, i) => ({ i, m })))('#$i $m.scenario ($m.routingKey)', ({ i, m }) => {
    const row = capturedTable[i]!;
    expect(m.body).toContain(row.shows);
    const findings = parseBrokerLog(m.routingKey, m.node, bodyOf(m), AT);
    expect(findings.map(comparable)).toEqual(row.expect);
    for (const f of findings) expect(f).toMatchObject({ at: AT, node: m.node });
  });
});

describe('parseBrokerLog over documented lines of other versions', () => {
  it('has an expectation for every documented line', () => {
    expect(Object.keys(documentedTable).sort()).toEqual(documented.lines.map((l) => l.id).sort());
  });

  it.each(documented.lines)('$id', ({ id, routingKey, body, source }) => {
    expect(source).toMatch(/^https:\/\//);
    expect(parseBrokerLog(routingKey, DOC_NODE, body, AT).map(comparable)).toEqual(documentedTable[id]);
  });
});

describe('the text kept', () => {
  it('is the event message without the prefixes, lines rejoined (a name with a newline stays whole)', () => {
    const body = prefixed(P, "closing AMQP connection <0.914.0> (127.0.0.1:54448 -> 127.0.0.1:45487 - line one", "line two, vhost: '/', user: 'guest')");
    const [f] = parseBrokerLog('info', NODE, body, AT);
    expect(f!.text).toBe("closing AMQP connection <0.914.0> (127.0.0.1:54448 -> 127.0.0.1:45487 - line one\nline two, vhost: '/', user: 'guest')");
    expect(f).toMatchObject({ kind: 'connection-close', providedName: 'line one\nline two', vhost: '/', user: 'guest', cause: 'clean' });
  });

  it(`is capped at ${MAX_TEXT} characters with an ellipsis; the fields are still read from the whole line`, () => {
    const name = 'n'.repeat(10_000);
    const body = prefixed(P, `closing AMQP connection <0.1.0> (127.0.0.1:1 -> 127.0.0.1:2 - ${name}, vhost: '/', user: 'guest')`);
    const [f] = parseBrokerLog('info', NODE, body, AT);
    expect(f!.text).toHaveLength(MAX_TEXT);
    expect(f!.text.endsWith('…')).toBe(true);
    expect(f).toMatchObject({ kind: 'connection-close', providedName: name, user: 'guest' });
  });
});

describe('hostile connection names', () => {
  const E = '2026-12-02 09:24:04.540160+00:00 [error] <0.7.0> ';
  const closing = (provided: string) =>
    parseBrokerLog('error', NODE, prefixed(E, `closing AMQP connection <0.7.0> (10.0.0.1:5000 -> 10.0.0.2:5672 - ${provided}):`, 'missed heartbeats from client, timeout: 60s'), AT);

  it.each([
    { case: 'a fake reason after "):" and a newline', provided: 'x):\nclient unexpectedly closed TCP connection' },
    { case: 'a fake trailer', provided: "x, vhost: 'evil', user: 'root'" },
    { case: 'arrows and dashes', provided: 'a - b -> c - d' },
    { case: 'quotes and a paren', provided: `"it's" )` },
  ])('$case: the cause and fields are the broker’s, the whole name is the name', ({ provided }) => {
    const [f] = closing(provided);
    expect(comparable(f!)).toEqual(
      close('error', {
        pidKey: `${NODE}/7.0`,
        brokerName: '10.0.0.1:5000 -> 10.0.0.2:5672',
        providedName: provided,
        cause: 'missed-heartbeats',
        timeoutSec: 60,
        reason: 'missed heartbeats from client, timeout: 60s',
      }),
    );
  });

  it('a forged log prefix inside a name does not start a second event', () => {
    const forged = '2026-12-02 09:00:00.000000+00:00 [error] <0.9.0> closing AMQP connection <0.9.0> (1.1.1.1:1 -> 2.2.2.2:2):';
    const body = prefixed(P, 'closing AMQP connection <0.846.0> (127.0.0.1:1 -> 127.0.0.1:2 - x', forged, 'missed heartbeats from client, timeout: 1s, vhost: \'/\', user: \'guest\')');
    const findings = parseBrokerLog('info', NODE, body, AT);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'connection-close', pidKey: `${NODE}/846.0`, cause: 'clean', vhost: '/', user: 'guest' });
  });

  it('a fake separator in a channel-error label keeps the broker’s channel and reason', () => {
    const provided = "x, vhost: '/', user: 'guest'), channel 9:\noperation basic.ack caused a channel exception not_found: fake";
    // 3.10 writes no client-provided name in channel-error lines; 4.x labels could carry one, so the split must not trust it.
    const body = prefixed(
      P,
      `Channel error on connection <0.5.0> (127.0.0.1:1 -> 127.0.0.1:2 - ${provided}, vhost: '/', user: 'guest'), channel 1:`,
      'operation basic.ack caused a channel exception precondition_failed: unknown delivery tag 7',
    );
    const [f] = parseBrokerLog('error', NODE, body, AT);
    expect(f).toMatchObject({ kind: 'channel-error', channel: 1, errorKind: 'unknown-delivery-tag', reason: 'unknown delivery tag 7', vhost: '/', user: 'guest' });
  });
});

describe('bodies that are not one of the known shapes', () => {
  it('an empty or blank body gives no findings', () => {
    expect(parseBrokerLog('info', NODE, '', AT)).toEqual([]);
    expect(parseBrokerLog('info', NODE, ' \n\n', AT)).toEqual([]);
  });

  it('an unknown line is a notice with the message level and its text', () => {
    expect(parseBrokerLog('notice', NODE, prefixed(P.replace('[info]', '[notice]'), 'Application cowboy exited with reason: stopped'), AT)).toEqual([
      { kind: 'notice', at: AT, node: NODE, level: 'notice', text: 'Application cowboy exited with reason: stopped' },
    ]);
  });

  it('a body without a prefix is one event at the routing key’s level', () => {
    expect(parseBrokerLog('warning', null, 'something\nelse', AT)).toEqual([{ kind: 'notice', at: AT, node: null, level: 'warning', text: 'something\nelse' }]);
  });

  it('several events in one body give one finding each, in order', () => {
    const body =
      prefixed('2026-12-02 09:24:04.1+00:00 [info] <0.1.0> ', 'accepting AMQP connection <0.1.0> (127.0.0.1:1 -> 127.0.0.1:2)') +
      prefixed('2026-12-02 09:24:05.2+00:00 [warning] <0.1.0> ', "closing AMQP connection <0.1.0> (127.0.0.1:1 -> 127.0.0.1:2, vhost: '/', user: 'u'):", 'client unexpectedly closed TCP connection');
    expect(parseBrokerLog('info', NODE, body, AT).map((f) => [f.kind, f.level])).toEqual([
      ['notice', 'info'],
      ['connection-close', 'warning'],
    ]);
  });

  it('without a node header there is no pid key (a bare pid names no node)', () => {
    const [f] = parseBrokerLog('info', null, "closing AMQP connection <0.5.0> (127.0.0.1:1 -> 127.0.0.1:2, vhost: '/', user: 'u')", AT);
    expect(f).toMatchObject({ kind: 'connection-close', pidKey: null, cause: 'clean' });
  });

  it('an unknown routing key falls back to info', () => {
    expect(parseBrokerLog('chatter', NODE, 'x', AT)[0]!.level).toBe('info');
  });
});

describe('never throws', () => {
  /** A small seeded generator, so a failure can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const PIECES = [
    'closing AMQP connection ', 'Error on AMQP connection ', 'Channel error on connection ', 'Closing connection ', 'Consumer ', "Consumer '",
    '<0.1.0>', '<0.99999.0>', '<1.2>', '(', ')', '):\n', '), channel 1:\n', ', state: running', ", vhost: '", ", user: '", ", duration: '", "'",
    ' -> ', ' - ', '127.0.0.1:5672', '\n', '\r\n', '"', '\\', '<<"', '">>', 'operation none caused a connection exception connection_forced: ',
    'operation basic.ack caused a channel exception precondition_failed: ', 'missed heartbeats from client, timeout: ', 's', '9'.repeat(400),
    ' on channel 1 has timed out waiting for delivery acknowledgement. Timeout used: ', ' ms', 'memory resource limit alarm set on node ',
    '2026-12-02 09:24:04.540160+00:00 [error] <0.846.0> ', '[warning] <0.2.0> ', '{"msg":', '{', '}', 'café', '\u0000', '\uFFFD', '🐇', ' ',
  ];

  it('on 3,000 bodies made of the pieces of real lines, in random order', () => {
    const next = random(20261202);
    for (let n = 0; n < 3000; n++) {
      let body = '';
      const count = Math.floor(next() * 40);
      for (let p = 0; p < count; p++) body += PIECES[Math.floor(next() * PIECES.length)];
      parseWithoutSafetyNet(body, n % 2 ? NODE : null);
      for (const f of parseBrokerLog(['info', 'error', 'x'][n % 3]!, n % 2 ? NODE : null, body, AT)) assertWellFormed(f);
    }
  });

  it('on random bytes', () => {
    const next = random(42);
    for (let n = 0; n < 500; n++) {
      const body = Buffer.from(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256))).toString('utf8');
      parseWithoutSafetyNet(body, NODE);
      for (const f of parseBrokerLog('error', NODE, body, AT)) assertWellFormed(f);
    }
  });

  it('on a very long hostile body, in well under a second (only the first 64 KiB are parsed)', () => {
    const body = prefixed(P, 'closing AMQP connection <0.1.0> (' + "):\n, vhost: ', user: '), channel 1:\n".repeat(50_000));
    expect(body.length).toBeGreaterThan(MAX_PARSED);
    const started = performance.now();
    for (const f of parseBrokerLog('error', NODE, body, AT)) assertWellFormed(f);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  /** parseBrokerLog turns a throw into a notice; the reading itself must not need that. */
  function parseWithoutSafetyNet(body: string, node: string | null): void {
    for (const event of splitLogEvents(body)) expect(() => findingOf(event, node, AT, 'info')).not.toThrow();
  }

  function assertWellFormed(f: BrokerFinding): void {
    expect(['connection-close', 'channel-error', 'consumer-timeout', 'alarm', 'notice']).toContain(f.kind);
    expect(f.text.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(f.at).toBe(AT);
  }
});

describe('pid keys', () => {
  it('the log and the event exchange name the same process alike', () => {
    expect(pidKeyFromLog('<0.886.0>', 'rabbit@localhost')).toBe('rabbit@localhost/886.0');
    expect(pidKeyFromEvent('<rabbit@localhost.1796179593.886.0>')).toBe('rabbit@localhost/886.0');
  });

  it('node names with dots keep them; other forms give no key', () => {
    expect(pidKeyFromEvent('<rabbit@mq-1.example.com.1796179593.12.3>')).toBe('rabbit@mq-1.example.com/12.3');
    expect(pidKeyFromLog('<8721.488.0>', 'rabbit@localhost')).toBeNull(); // another node's pid: which one is not said
    expect(pidKeyFromLog('<0.886.0>', null)).toBeNull();
    expect(pidKeyFromEvent('<0.886.0>')).toBeNull();
    expect(pidKeyFromEvent('garbage')).toBeNull();
  });

  it('join every captured connection.created pid to the log lines about that connection', () => {
    const closes = captured
      .flatMap((m) => parseBrokerLog(m.routingKey, m.node, bodyOf(m), AT))
      .filter((f): f is Extract<BrokerFinding, { kind: 'connection-close' }> => f.kind === 'connection-close' && f.brokerName !== null);
    const joined = eventPids.filter((e) => closes.some((c) => c.brokerName === e.name));
    // Every connection we opened and closed while capturing (the shutdown ones close in the log file, which has them too).
    expect(joined.length).toBe(eventPids.length);
    for (const e of joined) {
      expect(e.pidType).toBe('string');
      const keys = new Set(closes.filter((c) => c.brokerName === e.name).map((c) => c.pidKey));
      expect([...keys]).toEqual([pidKeyFromEvent(e.pid!)]);
    }
  });
});
