import { describe, expect, it } from 'vitest';
import { criticalSilenceSec, heartbeatRisk, warnSilenceSec } from '../../server/shared/heartbeat-risk';

describe('heartbeatRisk follows how the broker really drops connections', () => {
  it.each([
    // timeout, measured silence, expected
    [60, 0, 'ok'],
    [60, 55, 'ok'], // an idle amqplib client beats once per timeout: healthy
    [60, 65, 'ok'], // …with poll and stats jitter on top
    [60, 66, 'warn'],
    [60, 90, 'warn'],
    [60, 91, 'crit'],
    [5, 5, 'ok'],
    [5, 6, 'ok'],
    [5, 7, 'warn'], // a blocked client with a 5 s timeout measured 7–8 s before the broker dropped it
    [5, 8, 'crit'],
    [30, 35, 'ok'],
    [30, 36, 'warn'],
    [30, 46, 'crit'],
    [0, 500, null], // heartbeats off
    [null, 10, null],
    [7, null, null],
  ] as const)('timeout %s s, silence %s s → %s', (timeout, silence, expected) => {
    expect(heartbeatRisk(timeout, silence)).toBe(expected);
  });

  it('puts the critical line after the warning line, and both after the timeout', () => {
    for (const t of [1, 2, 3, 5, 7, 10, 30, 60, 580]) {
      expect(warnSilenceSec(t)).toBeGreaterThan(t);
      expect(criticalSilenceSec(t)).toBeGreaterThan(warnSilenceSec(t));
    }
  });
});
