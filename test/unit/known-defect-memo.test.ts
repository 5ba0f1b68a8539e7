import { describe, expect, it } from 'vitest';
import type { KnownDefect } from '../../server/contract';
import { KnownDefectMemo } from '../../server/analysis/known-defect-memo';

/** A lookup that counts its calls and gives each call a new array, so reuse is visible. */
function countingLookup() {
  const calls: Array<[string | null, string | null]> = [];
  const lookup = (product: string | null, version: string | null): KnownDefect[] => {
    calls.push([product, version]);
    return [{ defect: `${product} ${version}.`, fixedIn: '9.9.9', area: 'connection', source: 'https://example.invalid' }];
  };
  return { calls, lookup };
}

describe('KnownDefectMemo', () => {
  it('one lookup per distinct product and version, however many connections share it', () => {
    const { calls, lookup } = countingLookup();
    const memo = new KnownDefectMemo(lookup);
    memo.nextPoll();
    for (let i = 0; i < 1000; i++) memo.of('pika', '0.9.13');
    memo.of('pika', '1.3.2');
    expect(calls).toEqual([
      ['pika', '0.9.13'],
      ['pika', '1.3.2'],
    ]);
  });

  it('the same array from poll to poll while the version is in use, so rows compare equal', () => {
    const { calls, lookup } = countingLookup();
    const memo = new KnownDefectMemo(lookup);
    memo.nextPoll();
    const first = memo.of('pika', '0.9.13');
    for (let poll = 0; poll < 5; poll++) {
      memo.nextPoll();
      expect(memo.of('pika', '0.9.13')).toBe(first);
    }
    expect(calls).toHaveLength(1);
  });

  it('forgets a version no poll used for two polls (a client sending ever-new versions cannot grow it)', () => {
    const { calls, lookup } = countingLookup();
    const memo = new KnownDefectMemo(lookup);
    memo.nextPoll();
    memo.of('x', '1');
    memo.nextPoll(); // not used here
    memo.nextPoll();
    memo.of('x', '1');
    expect(calls).toHaveLength(2);
  });

  it('a separator in the client-sent text cannot make two clients share an entry', () => {
    const { calls, lookup } = countingLookup();
    const memo = new KnownDefectMemo(lookup);
    memo.nextPoll();
    const a = memo.of('a\u0000b', 'c');
    const b = memo.of('a', 'b\u0000c');
    expect(a).not.toBe(b);
    expect(calls).toHaveLength(2);
  });
});
