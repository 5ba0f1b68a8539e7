import { describe, expect, it } from 'vitest';
import { detectClosed, judgeSilence } from '../../server/analysis/closures';
import type { ConnectionHealth } from '../../server/contract';
import { CONN_NAME, connectionHealth } from './builders';

describe('judgeSilence', () => {
  it.each([
    // timeout, silence, projected → cause, certainty
    { timeout: 7, silence: 7, projected: 12, cause: 'heartbeat-suspected', certainty: 'likely' },
    { timeout: 7, silence: 10, projected: 10, cause: 'heartbeat-suspected', certainty: 'likely' },
    { timeout: 60, silence: 90, projected: 95, cause: 'heartbeat-suspected', certainty: 'likely' },
    { timeout: 7, silence: 3.5, projected: 8.5, cause: 'heartbeat-suspected', certainty: 'possible' },
    { timeout: 7, silence: 5, projected: 7, cause: 'heartbeat-suspected', certainty: 'possible' },
    { timeout: 7, silence: 5, projected: 6.9, cause: 'unknown', certainty: 'unknown' },
    { timeout: 7, silence: 3.4, projected: 20, cause: 'unknown', certainty: 'unknown' },
    { timeout: 7, silence: 0, projected: 5, cause: 'unknown', certainty: 'unknown' },
    { timeout: 0, silence: 300, projected: 305, cause: 'unknown', certainty: 'unknown' },
    { timeout: null, silence: 300, projected: 305, cause: 'unknown', certainty: 'unknown' },
    { timeout: 7, silence: null, projected: null, cause: 'unknown', certainty: 'unknown' },
  ] as const)('timeout $timeout, silence $silence, projected $projected → $cause/$certainty', ({ timeout, silence, projected, cause, certainty }) => {
    expect(judgeSilence(timeout, silence, projected)).toEqual({ cause, certainty });
  });
});

describe('detectClosed', () => {
  const LAST_SEEN = 1_010_000;
  const DETECTED = 1_015_000; // one 5 s poll later
  const conn = (id: string, o: Partial<ConnectionHealth> = {}) => connectionHealth({ id, name: `name-${id}`, ...o });

  it('reports only connections that vanished', () => {
    const previous = new Map([
      ['a', conn('a')],
      ['b', conn('b')],
    ]);
    expect(detectClosed(previous, new Set(['a', 'b', 'c']), LAST_SEEN, DETECTED)).toEqual([]);
    expect(detectClosed(previous, new Set(['a']), LAST_SEEN, DETECTED).map((c) => c.lastKnown.id)).toEqual(['b']);
    expect(detectClosed(new Map(), new Set(), LAST_SEEN, DETECTED)).toEqual([]);
  });

  it.each([
    { case: 'silent for the whole timeout', timeout: 7, silence: 10, projected: 15, cause: 'heartbeat-suspected', certainty: 'likely' },
    { case: 'half silent, projected past the timeout', timeout: 7, silence: 5, projected: 10, cause: 'heartbeat-suspected', certainty: 'possible' },
    { case: 'short silence', timeout: 30, silence: 2, projected: 7, cause: 'unknown', certainty: 'unknown' },
    { case: 'heartbeats off', timeout: 0, silence: 100, projected: 105, cause: 'unknown', certainty: 'unknown' },
    { case: 'silence unknown', timeout: 7, silence: null, projected: null, cause: 'unknown', certainty: 'unknown' },
  ] as const)('$case → $cause/$certainty', ({ timeout, silence, projected, cause, certainty }) => {
    const previous = new Map([['a', conn('a', { heartbeatTimeoutSec: timeout, silenceSec: silence })]]);
    const [closed] = detectClosed(previous, new Set(), LAST_SEEN, DETECTED);
    expect(closed).toMatchObject({ cause, certainty, projectedSilenceSec: projected });
  });

  it('carries the last-known fields', () => {
    const previous = new Map([
      [
        'x',
        conn('x', {
          name: 'worker-7',
          client: 'pika 1.3.2',
          user: 'svc',
          vhost: 'orders',
          heartbeatTimeoutSec: 60,
          silenceSec: 61.5,
          unacked: 12,
          channelCount: 2,
        }),
      ],
    ]);
    const [closed] = detectClosed(previous, new Set(), LAST_SEEN, DETECTED);
    expect(closed!.lastKnown).toEqual({
      id: 'x',
      brokerName: CONN_NAME,
      name: 'worker-7',
      client: 'pika 1.3.2',
      user: 'svc',
      vhost: 'orders',
      heartbeatTimeoutSec: 60,
      silenceSec: 61.5,
      unacked: 12,
      channelCount: 2,
      lastSeenAt: LAST_SEEN,
    });
    expect(closed!.projectedSilenceSec).toBe(66.5);
  });

  it('never projects backwards when detection time precedes last-seen time', () => {
    const previous = new Map([['a', conn('a', { silenceSec: 4 })]]);
    expect(detectClosed(previous, new Set(), LAST_SEEN, LAST_SEEN - 1000)[0]!.projectedSilenceSec).toBe(4);
  });
});
