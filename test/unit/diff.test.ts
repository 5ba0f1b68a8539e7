import { describe, expect, it } from 'vitest';
import { diffById, sameData } from '../../server/stream/diff';

type Row = { id: string; v: number; noise?: number };

describe('diffById over a sequence', () => {
  const steps: Array<{ next: Row[]; upserts: string[]; removals: string[] }> = [
    { next: [{ id: 'a', v: 1 }, { id: 'b', v: 1 }], upserts: ['a', 'b'], removals: [] },
    { next: [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 1 }], upserts: ['b', 'c'], removals: [] },
    { next: [{ id: 'c', v: 1 }], upserts: [], removals: ['a', 'b'] },
    { next: [{ id: 'c', v: 1 }, { id: 'a', v: 1 }], upserts: ['a'], removals: [] },
    { next: [], upserts: [], removals: ['c', 'a'] },
  ];

  it('reports upserts and removals and feeds its index to the next call', () => {
    let index = new Map<string, Row>();
    for (const [i, step] of steps.entries()) {
      const out = diffById(index, step.next);
      expect({ upserts: out.upserts.map((r) => r.id), removals: out.removals }, `step ${i}`).toEqual({ upserts: step.upserts, removals: step.removals });
      expect([...out.index.keys()], `step ${i} index`).toEqual(step.next.map((r) => r.id));
      index = out.index;
    }
  });

  it('returns the new items themselves, and keeps the latest item in the index', () => {
    const first = diffById(new Map(), [{ id: 'a', v: 1 }]);
    const b = { id: 'a', v: 2 };
    const second = diffById(first.index, [b]);
    expect(second.upserts[0]).toBe(b);
    expect(second.index.get('a')).toBe(b);
  });

  it('respects a custom comparison that leaves fields out', () => {
    const same = (a: Row, b: Row) => sameData(a, b, new Set(['noise']));
    let index = diffById(new Map(), [{ id: 'a', v: 1, noise: 1 }], same).index;
    const unchanged = diffById(index, [{ id: 'a', v: 1, noise: 99 }], same);
    expect(unchanged.upserts).toEqual([]);
    // the index holds the fresh item even when it was not resent
    expect(unchanged.index.get('a')!.noise).toBe(99);
    index = unchanged.index;
    expect(diffById(index, [{ id: 'a', v: 2, noise: 99 }], same).upserts.map((r) => r.v)).toEqual([2]);
    // the default comparison sees the noise
    expect(diffById(index, [{ id: 'a', v: 1, noise: 5 }]).upserts).toHaveLength(1);
  });
});

describe('sameData', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: null }, { a: 0 }, false],
    [[1, 2], [2, 1], false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ a: [] }, { a: {} }, false],
    [{ a: NaN }, { a: NaN }, true],
    ['x', 'x', true],
    [{ n: { deep: [{ k: 1 }] } }, { n: { deep: [{ k: 2 }] } }, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameData(a, b)).toBe(expected);
    expect(sameData(b, a)).toBe(expected);
  });

  it('ignores the named top-level fields only', () => {
    expect(sameData({ a: 1, t: 1 }, { a: 1, t: 2 }, new Set(['t']))).toBe(true);
    expect(sameData({ a: { t: 1 } }, { a: { t: 2 } }, new Set(['t']))).toBe(false);
  });
});
