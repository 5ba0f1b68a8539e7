import { describe, expect, it } from 'vitest';
import { channelTimeouts, queueTimeout } from '../../server/analysis/consumer-timeout';
import { timeoutRulesOf, type TimeoutRules } from '../../server/shared/consumer-timeout-versions';
import { rawConsumer, rawQueue } from './builders';

const CONFIG = 1_800_000;

describe('timeoutRulesOf: what a broker version honours', () => {
  it.each([
    ['3.8.17', 'broker-wide'],
    ['3.10.8', 'broker-wide'],
    ['3.11.14', 'broker-wide'],
    ['3.11.15', 'per-queue'],
    ['3.12.0', 'per-queue'],
    ['3.13.7', 'per-queue'],
    ['4.2.9', 'per-queue'],
    ['4.3.0', 'quorum-only'],
    ['4.3.0-rc.1', 'quorum-only'],
    ['5.0', 'quorum-only'],
    [null, 'per-queue'],
    ['unknown', 'per-queue'],
  ] as Array<[string | null, TimeoutRules]>)('%s → %s', (version, rules) => {
    expect(timeoutRulesOf(version)).toBe(rules);
  });
});

describe('queueTimeout', () => {
  const q = (timeoutArgumentMs: number | null, timeoutPolicyMs: number | null, type = 'classic') => rawQueue({ type, timeoutArgumentMs, timeoutPolicyMs });
  it.each([
    ['neither set: the broker-wide value', q(null, null), 'per-queue', CONFIG, { ms: CONFIG, source: 'config' }],
    ['the argument', q(20_000, null), 'per-queue', CONFIG, { ms: 20_000, source: 'queue-argument' }],
    ['the policy', q(null, 600_000), 'per-queue', CONFIG, { ms: 600_000, source: 'policy' }],
    // The broker takes the smaller of the two (rabbitmq-server's consumer_timeouts.md), whichever it is.
    ['both: the smaller, an argument', q(20_000, 600_000), 'per-queue', CONFIG, { ms: 20_000, source: 'queue-argument' }],
    ['both: the smaller, a policy', q(3_600_000, 600_000), 'per-queue', CONFIG, { ms: 600_000, source: 'policy' }],
    ['an argument larger than the broker-wide value still wins', q(7_200_000, null), 'per-queue', CONFIG, { ms: 7_200_000, source: 'queue-argument' }],
    ['before 3.11.15 the argument is ignored (measured on 3.10.8)', q(20_000, null), 'broker-wide', CONFIG, { ms: CONFIG, source: 'config' }],
    ['broker-wide timeout turned off', q(null, null), 'per-queue', 0, null],
    ['turned off, but the queue has its own', q(20_000, null), 'per-queue', 0, { ms: 20_000, source: 'queue-argument' }],
    ['4.3+: a classic queue never times out', q(20_000, null), 'quorum-only', CONFIG, null],
    ['4.3+: a quorum queue does', q(20_000, null, 'quorum'), 'quorum-only', CONFIG, { ms: 20_000, source: 'queue-argument' }],
    ['4.3+: a quorum queue without settings: the broker-wide value', q(null, null, 'quorum'), 'quorum-only', CONFIG, { ms: CONFIG, source: 'config' }],
    ['a queue not in the list: the broker-wide value', undefined, 'per-queue', CONFIG, { ms: CONFIG, source: 'config' }],
    ['4.3+: a queue not in the list may be classic: unknown', undefined, 'quorum-only', CONFIG, null],
  ] as const)('%s', (_case, queue, rules, configMs, expected) => {
    expect(queueTimeout(queue, rules, configMs)).toEqual(expected);
  });
});

describe('channelTimeouts', () => {
  const queues = [
    rawQueue({ name: 'jobs', timeoutArgumentMs: 20_000 }),
    rawQueue({ name: 'mail', timeoutPolicyMs: 600_000 }),
    rawQueue({ name: 'plain' }),
    rawQueue({ vhost: 'other', name: 'jobs' }),
  ];
  const perQueue = channelTimeouts(queues, 'per-queue', CONFIG);
  const on = (...names: Array<string | [string, string]>) =>
    names.map((n, i) => (Array.isArray(n) ? rawConsumer({ tag: `t${i}`, vhost: n[0], queue: n[1] }) : rawConsumer({ tag: `t${i}`, queue: n })));

  it("the smallest of its consumers' queues", () => {
    expect(perQueue(on('plain', 'mail', 'jobs'))).toEqual({ ms: 20_000, source: 'queue-argument' });
    expect(perQueue(on('plain', 'mail'))).toEqual({ ms: 600_000, source: 'policy' });
  });

  it('queues are told apart by vhost; a queue not in the list has the broker-wide value', () => {
    expect(perQueue(on(['other', 'jobs']))).toEqual({ ms: CONFIG, source: 'config' });
    expect(perQueue(on('gone'))).toEqual({ ms: CONFIG, source: 'config' });
  });

  it('a tie keeps the more specific source, whatever the order of consumers', () => {
    const tie = channelTimeouts([rawQueue({ name: 'a' }), rawQueue({ name: 'b', timeoutArgumentMs: CONFIG })], 'per-queue', CONFIG);
    expect(tie(on('a', 'b'))).toEqual({ ms: CONFIG, source: 'queue-argument' });
    expect(tie(on('b', 'a'))).toEqual({ ms: CONFIG, source: 'queue-argument' });
  });

  it("auto-ack consumers' queues do not count: their deliveries are never unacked", () => {
    const consumers = [rawConsumer({ tag: 'a', queue: 'jobs', ackRequired: false }), rawConsumer({ tag: 'b', queue: 'mail' })];
    expect(perQueue(consumers)).toEqual({ ms: 600_000, source: 'policy' });
  });

  it('no manual-ack consumer (basic.get): the broker-wide value before 4.3, unknown from 4.3', () => {
    expect(perQueue([])).toEqual({ ms: CONFIG, source: 'config' });
    expect(perQueue([rawConsumer({ ackRequired: false })])).toEqual({ ms: CONFIG, source: 'config' });
    expect(channelTimeouts(queues, 'broker-wide', CONFIG)([])).toEqual({ ms: CONFIG, source: 'config' });
    expect(channelTimeouts(queues, 'quorum-only', CONFIG)([])).toBeNull();
  });

  it('before 3.11.15 the queue argument does not count', () => {
    expect(channelTimeouts(queues, 'broker-wide', CONFIG)(on('jobs'))).toEqual({ ms: CONFIG, source: 'config' });
  });

  it('4.3+: only the quorum queues among them', () => {
    const mixed = channelTimeouts([rawQueue({ name: 'cq', timeoutArgumentMs: 20_000 }), rawQueue({ name: 'qq', type: 'quorum', timeoutArgumentMs: 60_000 })], 'quorum-only', CONFIG);
    expect(mixed(on('cq', 'qq'))).toEqual({ ms: 60_000, source: 'queue-argument' });
    expect(mixed(on('cq'))).toBeNull();
  });
});
