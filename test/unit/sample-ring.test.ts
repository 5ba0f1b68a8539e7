import { describe, expect, it } from 'vitest';
import { SampleRing } from '../../server/state/sample-ring';

const times = (ring: SampleRing, since?: number) => ring.read(since).map((s) => s.at);

describe('SampleRing', () => {
  it('reads back in push order with values', () => {
    const ring = new SampleRing(10, 2);
    ring.push(1, [1, 10]);
    ring.push(2, [2, 20]);
    ring.push(3, [3, 30]);
    expect(ring.length).toBe(3);
    expect(ring.read()).toEqual([
      { at: 1, values: [1, 10] },
      { at: 2, values: [2, 20] },
      { at: 3, values: [3, 30] },
    ]);
  });

  it('is empty before the first push', () => {
    const ring = new SampleRing(4, 1);
    expect(ring.length).toBe(0);
    expect(ring.read()).toEqual([]);
  });

  it.each([
    // capacity, initial, pushes → kept timestamps
    { capacity: 4, initial: 4, pushes: 4, kept: [1, 2, 3, 4] },
    { capacity: 4, initial: 4, pushes: 5, kept: [2, 3, 4, 5] },
    { capacity: 4, initial: 4, pushes: 11, kept: [8, 9, 10, 11] },
    { capacity: 5, initial: 2, pushes: 4, kept: [1, 2, 3, 4] }, // grows 2 → 4
    { capacity: 5, initial: 2, pushes: 5, kept: [1, 2, 3, 4, 5] }, // grows 4 → 5
    { capacity: 5, initial: 2, pushes: 9, kept: [5, 6, 7, 8, 9] },
    { capacity: 3, initial: 16, pushes: 7, kept: [5, 6, 7] }, // initial larger than capacity
    { capacity: 40, initial: 16, pushes: 40, kept: Array.from({ length: 40 }, (_, i) => i + 1) },
  ])('capacity $capacity, initial $initial, $pushes pushes keeps the newest in order', ({ capacity, initial, pushes, kept }) => {
    const ring = new SampleRing(capacity, 1, initial);
    for (let i = 1; i <= pushes; i++) ring.push(i, [i * 10]);
    expect(ring.length).toBe(kept.length);
    expect(times(ring)).toEqual(kept);
    expect(ring.read().map((s) => s.values[0])).toEqual(kept.map((t) => t * 10));
  });

  it('keeps order when growing after the ring has wrapped', () => {
    // initial 2, capacity 6: fill, then grow twice; the copy must start at the oldest sample
    const ring = new SampleRing(6, 2, 2);
    for (let i = 1; i <= 8; i++) ring.push(i, [i, -i]);
    expect(ring.read()).toEqual([3, 4, 5, 6, 7, 8].map((i) => ({ at: i, values: [i, -i] })));
  });

  it('round-trips null and NaN as null, and missing fields as null', () => {
    const ring = new SampleRing(4, 3);
    ring.push(1, [null, Number.NaN, 5]);
    ring.push(2, [1]);
    expect(ring.read()).toEqual([
      { at: 1, values: [null, null, 5] },
      { at: 2, values: [1, null, null] },
    ]);
  });

  it('stores values as 32-bit floats, times exactly', () => {
    const ring = new SampleRing(4, 1);
    ring.push(1_795_287_302_671, [4.2]);
    const [s] = ring.read();
    expect(s!.at).toBe(1_795_287_302_671);
    expect(s!.values[0]).toBeCloseTo(4.2, 5);
  });

  it.each([
    [undefined, [20, 30, 40]],
    [-Infinity, [20, 30, 40]],
    [20, [20, 30, 40]],
    [21, [30, 40]],
    [40, [40]],
    [41, []],
  ])('read(since %j) after wrapping → %j', (since, expected) => {
    const ring = new SampleRing(3, 1, 2);
    for (const t of [10, 20, 30, 40]) ring.push(t, [t]); // capacity 3: 10 is dropped
    expect(times(ring, since)).toEqual(expected);
    expect(ring.read(since).map((s) => s.values[0])).toEqual(expected);
  });
});
