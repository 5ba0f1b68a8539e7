import { describe, expect, it } from 'vitest';
import { compareClientVersions, inVersionRange, parseClientVersion } from '../../server/analysis/client-version';

describe('parseClientVersion: what client libraries actually send', () => {
  it.each([
    ['1.2.3', { release: [1, 2, 3], pre: [], post: null }],
    ['1.2', { release: [1, 2], pre: [], post: null }],
    ['7', { release: [7], pre: [], post: null }],
    ['6.2.2.0', { release: [6, 2, 2, 0], pre: [], post: null }], // .NET's assembly version
    ['v1.9.0', { release: [1, 9, 0], pre: [], post: null }],
    ['  0.10.0 ', { release: [0, 10, 0], pre: [], post: null }],
    ['0.12.0b3', { release: [0, 12, 0], pre: ['b', 3], post: null }], // pika
    ['1.3.0rc1', { release: [1, 3, 0], pre: ['rc', 1], post: null }], // pika
    ['5.0.0a1', { release: [5, 0, 0], pre: ['a', 1], post: null }], // py-amqp
    ['1.6.1-rc.1', { release: [1, 6, 1], pre: ['rc', 1], post: null }], // amqp091-go
    ['5.21.0-SNAPSHOT', { release: [5, 21, 0], pre: ['snapshot'], post: null }], // Java builds
    ['1.0.0.post2', { release: [1, 0, 0], pre: [], post: 2 }], // PEP 440
    ['2.0.0+build.7', { release: [2, 0, 0], pre: [], post: null }], // build metadata is ignored
  ])('%s', (text, parsed) => {
    expect(parseClientVersion(text)).toEqual(parsed);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ["streadway/amqp's version", 'β'],
    ['a word', 'latest'],
    ['a leading dot', '.1.2'],
    ['two dots', '1..2'],
    ['a trailing separator', '1.2.3-'],
    ['words after a space', '1.2.3 (beta)'],
    ['a prefix', 'x1.2'],
    ['full-width digits', '１.２.３'],
    ['a number longer than 9 digits', '1234567890.0'],
    ['longer than any real version', `1.${'0'.repeat(70)}`],
    ['null', null],
  ])('junk: %s → null, no throw', (_what, text) => {
    expect(parseClientVersion(text)).toBeNull();
  });
});

describe('compareClientVersions', () => {
  const cmp = (a: string, b: string) => compareClientVersions(parseClientVersion(a)!, parseClientVersion(b)!);

  it.each([
    ['1.2', '1.2.0', 0],
    ['6.2.2.0', '6.2.2', 0],
    ['1.2.3', '1.2.10', -1], // numerically, not as text
    ['1.10', '1.9', 1],
    ['6.2.2.1', '6.2.2', 1],
    ['0.12.0b3', '0.12.0', -1], // a pre-release comes before its release
    ['0.12.0b3', '0.12.0b4', -1],
    ['0.12.0b10', '0.12.0b9', 1],
    ['1.0.0a1', '1.0.0b1', -1],
    ['1.0.0b1', '1.0.0rc1', -1],
    ['1.6.1-rc.1', '1.6.1-rc.2', -1],
    ['1.6.1-rc.2', '1.6.1', -1],
    ['1.6.1-rc.2', '1.6.0', 1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1], // fewer identifiers first
    ['1.0.0-1', '1.0.0-alpha', -1], // a number before a word
    ['1.0.0', '1.0.0.post1', -1], // a post-release after its release
    ['1.0.0.post1', '1.0.0.post2', -1],
    ['1.0.0.post9', '1.0.1', -1],
    ['1.0.0rc1', '1.0.0.post1', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
    expect(cmp(b, a)).toBe(-expected || 0);
  });
});

describe('inVersionRange', () => {
  it.each([
    ['0.9.13', { below: '0.9.14' }, true],
    ['0.9.14', { below: '0.9.14' }, false], // below is exclusive
    ['0.9.14b1', { below: '0.9.14' }, true], // a pre-release of the fix is before it
    ['0.1', { below: '0.9.14' }, true], // no lower bound
    ['0.9.14', { from: '0.9.14', below: '0.10.0' }, true], // from is inclusive
    ['0.9.13', { from: '0.9.14', below: '0.10.0' }, false],
    ['0.10.0', { from: '0.9.14', below: '0.10.0' }, false],
    ['junk', { below: '9.9.9' }, false], // an unreadable version is never "affected"
    ['1.0.0', { below: 'junk' }, false], // nor is anything under an unreadable bound
    ['1.0.0', { from: 'junk', below: '2.0.0' }, false],
  ])('%s in %j → %s', (version, range, expected) => {
    expect(inVersionRange(version, range)).toBe(expected);
  });

  it('null version → false', () => {
    expect(inVersionRange(null, { below: '1.0.0' })).toBe(false);
  });
});
