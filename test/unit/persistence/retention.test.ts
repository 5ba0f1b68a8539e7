import { describe, expect, it } from 'vitest';
import { minuteOf, retentionCutoffs, seriesResolution } from '../../../server/persistence/retention';

const config = { rawRetentionHours: 6, rollupRetentionDays: 7, eventRetentionDays: 30 };
const now = Date.UTC(2025, 0, 31, 12, 0, 0);
const HOUR = 3_600_000;

describe('retention', () => {
  it('puts each cutoff its retention before now', () => {
    expect(retentionCutoffs(config, now)).toEqual({
      samples: now - 6 * HOUR,
      rollups: now - 7 * 24 * HOUR,
      events: now - 30 * 24 * HOUR,
    });
  });

  it.each([
    // from (hours before now) → resolution
    { hoursBack: 0, expected: 'raw' },
    { hoursBack: 1, expected: 'raw' },
    { hoursBack: 6, expected: 'raw' }, // exactly the raw retention: still all raw
    { hoursBack: 6.001, expected: '1m' },
    { hoursBack: 48, expected: '1m' },
  ] as const)('serves a range starting $hoursBack h ago as $expected', ({ hoursBack, expected }) => {
    expect(seriesResolution(config, now - hoursBack * HOUR, now)).toBe(expected);
  });

  it('buckets a time by the start of its minute', () => {
    const minute = Date.UTC(2025, 0, 31, 12, 34, 0);
    expect(minuteOf(minute)).toBe(minute);
    expect(minuteOf(minute + 59_999)).toBe(minute);
    expect(minuteOf(minute + 60_000)).toBe(minute + 60_000);
  });
});
