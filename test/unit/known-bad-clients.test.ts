import { describe, expect, it } from 'vitest';
import { compareClientVersions, parseClientVersion } from '../../server/analysis/client-version';
import { KNOWN_BAD_CLIENTS, knownDefectsOf, upgradeTarget, type KnownBadClient } from '../../server/analysis/known-bad-clients';

const PIKA = 'Pika Python Client Library';
const GO = 'AMQP 0.9.1 Client';

describe('knownDefectsOf: product strings as each library sends them, versions at and around each boundary', () => {
  it.each([
    // pika: three rows; the heartbeat one overlaps the two send ones.
    [PIKA, '0.9.12', ['0.12.0']], // kept unsent bytes in its buffer: no send defect
    [PIKA, '0.9.13', ['0.9.14', '0.12.0']],
    [PIKA, '0.9.14', ['0.10.0', '0.12.0']],
    [PIKA, '0.10.0', ['0.12.0']],
    [PIKA, '0.11.2', ['0.12.0']],
    [PIKA, '0.12.0b3', ['0.12.0']], // a beta of the fixed version is counted before it
    [PIKA, '0.12.0', []],
    [PIKA, '1.3.2', []],
    ['  pika python client library ', '0.10.0', ['0.12.0']], // case and spaces
    ['pika', '0.9.13', []], // not what pika sends
    // py-amqp (its version arrives as product_version, see normalize.ts)
    ['py-amqp', '1.3.3', []], // before the timer-based heartbeat it has the defect in
    ['py-amqp', '1.4.0', ['5.2.0']],
    ['py-amqp', '5.1.1', ['5.2.0']],
    ['py-amqp', '5.2.0', []],
    // amqplib
    ['amqplib', '0.5.5', ['0.5.6']],
    ['amqplib', '0.5.6', []],
    ['amqplib', '0.10.9', []],
    ['amqplib', '1.0.0', ['1.0.3']],
    ['amqplib', '1.0.2', ['1.0.3']],
    ['amqplib', '1.0.3', []],
    ['amqplib', '2.3.1', []],
    // amqp091-go, both of its spellings
    [GO, '1.6.0', ['1.6.1', '1.9.0']],
    [GO, '1.6.1-rc.2', ['1.6.1', '1.9.0']],
    [GO, '1.6.1', ['1.9.0']],
    ['Amqp 0.9.1 Client', '1.4.0', ['1.9.0']],
    [GO, '1.9.0', []],
    // what matches nothing
    ['https://github.com/streadway/amqp', 'β', []],
    ['RabbitMQ', '3.6.0', []], // Java and .NET share this product string
    [PIKA, 'garbage', []],
    [PIKA, null, []],
    [null, '0.9.13', []],
    ['', '0.9.13', []],
  ])('%s %s → fixed in %j', (product, version, fixedIn) => {
    expect(knownDefectsOf(product, version).map((d) => d.fixedIn)).toEqual(fixedIn);
  });

  it('carries the defect, its area and its source as the table has them', () => {
    expect(knownDefectsOf('amqplib', '1.0.1')).toEqual([
      {
        defect: expect.stringContaining('AssertionError'),
        fixedIn: '1.0.3',
        area: 'connection',
        source: 'https://github.com/amqp-node/amqplib/issues/841',
      },
    ]);
  });
});

describe('upgradeTarget', () => {
  it('the highest fixed-in version of the defects found', () => {
    expect(upgradeTarget(PIKA, knownDefectsOf(PIKA, '0.9.13'))).toBe('0.12.0');
    expect(upgradeTarget('amqplib', knownDefectsOf('amqplib', '1.0.0'))).toBe('1.0.3');
  });

  it('raised again while that version has a defect of its own', () => {
    const chain: KnownBadClient[] = [
      { products: ['lib'], affected: { below: '1.0' }, fixedIn: '1.0', area: 'connection', defect: 'a.', source: 'https://example.invalid/a' },
      { products: ['lib'], affected: { from: '1.0', below: '1.1' }, fixedIn: '1.1', area: 'connection', defect: 'b.', source: 'https://example.invalid/b' },
    ];
    const found = knownDefectsOf('lib', '0.5', chain);
    expect(found.map((d) => d.fixedIn)).toEqual(['1.0']);
    expect(upgradeTarget('lib', found, chain)).toBe('1.1');
  });

  it('nothing to upgrade for', () => {
    expect(upgradeTarget('amqplib', [])).toBeNull();
  });
});

describe('the table itself', () => {
  const parsed = (v: string) => parseClientVersion(v);

  it.each(KNOWN_BAD_CLIENTS.map((row) => [`${row.products[0]} ${row.affected.from ?? ''}..${row.affected.below}`, row] as const))('%s', (_name, row) => {
    expect(row.products.length).toBeGreaterThan(0);
    for (const v of [row.affected.below, row.fixedIn, ...(row.affected.from ? [row.affected.from] : [])]) expect(parsed(v), v).not.toBeNull();
    if (row.affected.from) expect(compareClientVersions(parsed(row.affected.from)!, parsed(row.affected.below)!)).toBeLessThan(0);
    // The fixed version is outside the row, or the advice to upgrade to it would not help.
    expect(compareClientVersions(parsed(row.fixedIn)!, parsed(row.affected.below)!)).toBeGreaterThanOrEqual(0);
    expect(row.source).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull|commit)\/[0-9a-f]+$/);
    // One plain sentence, shown as text in the UI and in notifications.
    expect(row.defect).toMatch(/^[A-Za-z].*\.$/);
    expect(row.defect.length).toBeLessThan(240);
  });

  it('a well-cited handful, not a guess list', () => {
    expect(KNOWN_BAD_CLIENTS.length).toBeGreaterThanOrEqual(4);
    expect(KNOWN_BAD_CLIENTS.length).toBeLessThanOrEqual(10);
  });
});
