import { describe, expect, it } from 'vitest';
import { mean, percentile, RecentWindow, stddev } from '../../server/analysis/percentiles';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** 1..n in a scrambled order, so sorting is exercised. */
const shuffled = (n: number) => oneTo(n).sort((a, b) => ((a * 7919) % n) - ((b * 7919) % n));

describe('percentile (nearest rank)', () => {
  it.each([
    { values: oneTo(10), p: 50, out: 5 },
    { values: oneTo(10), p: 99, out: 10 },
    { values: oneTo(10), p: 90, out: 9 },
    { values: oneTo(10), p: 91, out: 10 },
    { values: oneTo(100), p: 50, out: 50 },
    { values: oneTo(100), p: 99, out: 99 },
    { values: oneTo(100), p: 100, out: 100 },
    { values: oneTo(100), p: 0, out: 1 },
    { values: shuffled(100), p: 99, out: 99 },
    { values: [42], p: 50, out: 42 },
    { values: [42], p: 99, out: 42 },
    { values: [3, 1, 2], p: 50, out: 2 },
    { values: [10, 1000, 20, 30], p: 99, out: 1000 },
    { values: [5, 5, 5, 1], p: 25, out: 1 },
    { values: [], p: 50, out: null },
    { values: [], p: 99, out: null },
  ])('p$p of $values.length values → $out', ({ values, p, out }) => {
    expect(percentile(values, p)).toBe(out);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentile([9, 10, 100], 50)).toBe(10);
  });
});

describe('mean and stddev', () => {
  it.each([
    { values: [2, 4, 4, 4, 5, 5, 7, 9], mean: 5, stddev: 2 },
    { values: [5000, 5000, 5000], mean: 5000, stddev: 0 },
    { values: [4000, 6000], mean: 5000, stddev: 1000 },
    { values: [7], mean: 7, stddev: 0 },
    { values: [], mean: null, stddev: null },
  ])('$values', ({ values, mean: m, stddev: sd }) => {
    expect(mean(values)).toBe(m);
    expect(stddev(values)).toBe(sd);
  });
});

describe('RecentWindow', () => {
  it('keeps at most maxCount values, dropping the oldest', () => {
    const w = new RecentWindow(3, 60_000);
    for (let i = 1; i <= 5; i++) w.add(i * 1000, i);
    expect(w.values(5000)).toEqual([3, 4, 5]);
  });

  it('drops values older than maxAge at read time', () => {
    const w = new RecentWindow(100, 10_000);
    w.add(0, 1);
    w.add(5000, 2);
    w.add(9000, 3);
    expect(w.values(9000)).toEqual([1, 2, 3]);
    expect(w.values(10_000)).toEqual([1, 2, 3]); // exactly maxAge old is kept
    expect(w.values(10_001)).toEqual([2, 3]);
    expect(w.values(19_000)).toEqual([3]);
    expect(w.values(19_001)).toEqual([]);
    expect(w.values(30_000)).toEqual([]);
  });

  it('bounds by count and age together', () => {
    const w = new RecentWindow(2, 1000);
    w.add(0, 1);
    w.add(900, 2);
    w.add(950, 3);
    expect(w.values(950)).toEqual([2, 3]);
    expect(w.values(1901)).toEqual([3]);
  });

  it('clear empties it', () => {
    const w = new RecentWindow(10, 1000);
    w.add(0, 1);
    w.clear();
    expect(w.values(0)).toEqual([]);
    w.add(10, 2);
    expect(w.values(10)).toEqual([2]);
  });
});
