import { describe, expect, it } from 'vitest';
import { channelTimeoutRisk, fmtAtLeast, fmtTimeout, oldestUnackedMs } from '../../server/shared/consumer-timeout-risk';

const NOW = 10_000_000;
const MIN = 60_000;

describe('channelTimeoutRisk: the page warns from half the timeout, critical from 80 %', () => {
  const ch = (agoMs: number | null, consumerTimeoutMs: number | null = 30 * MIN, unacked = 3) => ({
    unacked,
    unackedSince: agoMs === null ? null : NOW - agoMs,
    consumerTimeoutMs,
    consumerTimeoutSource: 'config' as const,
  });
  it.each([
    ['just started', ch(0), 'ok'],
    ['a millisecond short of half', ch(15 * MIN - 1), 'ok'],
    ['half', ch(15 * MIN), 'warn'],
    ['a millisecond short of 80 %', ch(24 * MIN - 1), 'warn'],
    ['80 %', ch(24 * MIN), 'crit'],
    ['past the timeout', ch(45 * MIN), 'crit'],
  ])('%s → %s', (_case, channel, level) => {
    expect(channelTimeoutRisk(channel, NOW)?.level).toBe(level);
  });

  it('no countdown, nothing unacked, or no timeout: no risk at all', () => {
    expect(channelTimeoutRisk(ch(null), NOW)).toBeNull();
    expect(channelTimeoutRisk(ch(20 * MIN, 30 * MIN, 0), NOW)).toBeNull();
    expect(channelTimeoutRisk(ch(20 * MIN, null), NOW)).toBeNull();
  });

  it('a clock behind the server never shows a negative age', () => {
    expect(oldestUnackedMs({ unacked: 1, unackedSince: NOW + 3000 }, NOW)).toBe(0);
  });
});

describe('formatting', () => {
  it.each([
    [0, {}, '0 s'],
    [59_999, {}, '59 s'],
    [16 * MIN + 59_000, {}, '16 min'],
    [3 * MIN + 12_500, {}, '3 min'],
    [3 * MIN + 12_500, { seconds: true }, '3 min 12 s'],
    [3 * MIN, { seconds: true }, '3 min'],
    [12 * MIN + 5000, { seconds: true }, '12 min'],
    [125 * MIN + 59_000, {}, '2 h 5 min'],
    [120 * MIN, {}, '2 h'],
  ])('an age of %i ms (%j), at least: %s', (ms, opts, text) => {
    expect(fmtAtLeast(ms, opts)).toBe(text);
  });

  it.each([
    [20_000, '20 s'],
    [1_800_000, '30 min'],
    [90_000, '1 min 30 s'],
    [7_200_000, '2 h'],
    [3_690_000, '1 h 1 min 30 s'],
    [1500, '1500 ms'],
  ])('a timeout of %i ms, exactly: %s', (ms, text) => {
    expect(fmtTimeout(ms)).toBe(text);
  });
});
