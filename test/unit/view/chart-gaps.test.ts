import { describe, expect, it } from 'vitest';
import { GAP_STEPS, withGaps } from '../../../components/charts/gaps';
import type { ConnectionSample } from '../../../server/contract';
import { targetSample } from '../builders';

const T0 = 1_700_000_000_000;
const STEP = 5_000;
/** Samples at these multiples of the 5 s poll after T0. */
const polls = (...steps: number[]) => steps.map((n) => targetSample(T0 + n * STEP, { unacked: 0, connections: 0 }));
const gapsIn = (points: ReadonlyArray<{ at: number; unacked: number | null }>) => points.filter((p) => p.unacked === null).map((p) => p.at);

describe('withGaps: the chart breaks its line where samples are missing', () => {
  it('puts one point of nulls in the middle of a stop, so two zeros either side are not joined into "0 all along"', () => {
    const points = withGaps(polls(0, 1, 2, 3, 40, 41, 42));
    expect(gapsIn(points)).toEqual([T0 + 3 * STEP + (37 * STEP) / 2]);
    const gap = points.find((p) => p.unacked === null)!;
    // Every value of the sample is null, not only the one charted: the tooltip reads "—" for each.
    expect(gap).toEqual({ at: gap.at, connections: null, channels: null, ready: null, unacked: null });
    expect(points).toHaveLength(8);
  });

  it('keeps the samples themselves, in order', () => {
    const samples = polls(0, 1, 2, 10, 11);
    expect(withGaps(samples).filter((p) => p.unacked !== null)).toEqual(samples);
  });

  it('does not break at one skipped poll (two steps), and does from the gap threshold on', () => {
    expect(gapsIn(withGaps(polls(0, 1, 2, 4, 5, 6)))).toEqual([]);
    // 2.5 steps is the threshold itself: not more than it.
    const atThreshold = [0, 1, 2, 3].map((n) => targetSample(T0 + n * STEP)).concat([targetSample(T0 + 3 * STEP + GAP_STEPS * STEP), targetSample(T0 + 3 * STEP + GAP_STEPS * STEP + STEP)]);
    expect(gapsIn(withGaps(atThreshold))).toEqual([]);
    const past = [0, 1, 2, 3].map((n) => targetSample(T0 + n * STEP)).concat([targetSample(T0 + 3 * STEP + GAP_STEPS * STEP + 1), targetSample(T0 + 4 * STEP + GAP_STEPS * STEP + 1)]);
    expect(gapsIn(withGaps(past))).toHaveLength(1);
  });

  it('judges the typical step by the median, so several long gaps do not hide each other', () => {
    expect(gapsIn(withGaps(polls(0, 1, 2, 3, 20, 21, 22, 60, 61)))).toHaveLength(2);
  });

  it('follows the series’ own step: one-minute rollups break only at minutes missing', () => {
    const MIN = 60_000;
    const rollups = [0, 1, 2, 3, 4, 9, 10].map((n) => targetSample(T0 + n * MIN));
    expect(gapsIn(withGaps(rollups))).toEqual([T0 + 4 * MIN + (5 * MIN) / 2]);
    // At one-minute steps a 2-minute hole is one skipped point, not a gap.
    expect(gapsIn(withGaps([0, 1, 3, 4, 5].map((n) => targetSample(T0 + n * MIN))))).toEqual([]);
  });

  it('works for any series: a connection chart gets null silence and unacked in the gap', () => {
    const conn = (n: number): ConnectionSample => ({ at: T0 + n * STEP, silenceSec: 0, heartbeatMarginSec: 7, unacked: 0 });
    const gap = withGaps([0, 1, 2, 30, 31].map(conn)).find((p) => p.unacked === null);
    expect(gap).toEqual({ at: T0 + 16 * STEP, silenceSec: null, heartbeatMarginSec: null, unacked: null });
  });

  it('leaves fewer than three samples as they are: one step says nothing of what is typical', () => {
    expect(withGaps(polls(0, 100))).toEqual(polls(0, 100));
    expect(withGaps([])).toEqual([]);
  });
});
