import { describe, expect, it } from 'vitest';
import { diffById } from '../../server/analysis/diff';

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
    let index = new Map<string, { item: Row; key: string }>();
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
    expect(second.index.get('a')!.item).toBe(b);
  });

  it('respects a custom keyOf that leaves fields out', () => {
    const keyOf = (r: Row) => JSON.stringify({ ...r, noise: undefined });
    let index = diffById(new Map(), [{ id: 'a', v: 1, noise: 1 }], keyOf).index;
    const unchanged = diffById(index, [{ id: 'a', v: 1, noise: 99 }], keyOf);
    expect(unchanged.upserts).toEqual([]);
    // the index holds the fresh item even when it was not resent
    expect(unchanged.index.get('a')!.item.noise).toBe(99);
    index = unchanged.index;
    expect(diffById(index, [{ id: 'a', v: 2, noise: 99 }], keyOf).upserts.map((r) => r.v)).toEqual([2]);
    // the default key sees the noise
    expect(diffById(index, [{ id: 'a', v: 1, noise: 5 }]).upserts).toHaveLength(1);
  });
});
