import { describe, expect, it } from 'vitest';
import { criticalSilenceSec, heartbeatRisk, warnSilenceSec } from '../../server/analysis/heartbeat-risk';

describe('heartbeatRisk follows how the broker really drops connections', () => {
  it.each([
    // timeout, silence, expected
    [60, 0, 'ok'],
    [60, 60, 'ok'], // an idle amqplib client beats once per timeout: this is healthy
    [60, 64.9, 'ok'], // …plus up to the broker's 5 s stats lag
    [60, 65, 'warn'],
    [60, 119, 'warn'],
    [60, 120, 'crit'], // the broker drops after two unchanged checks, one timeout apart
    [5, 9.9, 'ok'],
    [5, 10, 'warn'],
    [5, 11, 'crit'],
    [0, 500, null], // heartbeats off
    [null, 10, null],
    [7, null, null],
  ] as const)('timeout %s s, silence %s s → %s', (timeout, silence, expected) => {
    expect(heartbeatRisk(timeout, silence)).toBe(expected);
  });

  it('puts the critical line at or after the warning line', () => {
    for (const t of [1, 2, 3, 5, 7, 10, 30, 60, 580]) expect(criticalSilenceSec(t)).toBeGreaterThan(warnSilenceSec(t));
  });
});
