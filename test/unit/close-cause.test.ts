import { describe, expect, it } from 'vitest';
import { judgeObservedClose } from '../../server/analysis/close-cause';
import { judgeSilence } from '../../server/analysis/closures';

describe('judgeObservedClose', () => {
  it.each([
    // order, timeout, silence, projected → cause, certainty
    { order: 'abrupt', t: 7, s: 7, p: 9, cause: 'heartbeat-suspected', certainty: 'likely' },
    { order: 'abrupt', t: 7, s: 30, p: 32, cause: 'heartbeat-suspected', certainty: 'likely' },
    { order: 'abrupt', t: 10, s: 6, p: 11, cause: 'heartbeat-suspected', certainty: 'likely' }, // half silent, reached it by the close
    { order: 'abrupt', t: 7, s: 1, p: 2, cause: 'abrupt', certainty: 'likely' },
    { order: 'abrupt', t: 60, s: 5, p: 10, cause: 'abrupt', certainty: 'likely' },
    { order: 'abrupt', t: 0, s: 100, p: 105, cause: 'abrupt', certainty: 'likely' }, // heartbeats off: cannot be a heartbeat close
    { order: 'abrupt', t: null, s: null, p: null, cause: 'abrupt', certainty: 'likely' },
    { order: 'clean', t: 7, s: 0, p: 1, cause: 'clean', certainty: 'likely' },
    { order: 'clean', t: 7, s: 30, p: 31, cause: 'clean', certainty: 'likely' },
    { order: 'clean', t: null, s: null, p: null, cause: 'clean', certainty: 'likely' },
    { order: 'unknown', t: 7, s: 10, p: 12, cause: 'heartbeat-suspected', certainty: 'likely' },
    { order: 'unknown', t: 10, s: 6, p: 11, cause: 'heartbeat-suspected', certainty: 'possible' },
    { order: 'unknown', t: 7, s: 1, p: 2, cause: 'unknown', certainty: 'unknown' },
    { order: 'unknown', t: null, s: null, p: null, cause: 'unknown', certainty: 'unknown' },
  ] as const)('$order, timeout $t s, silence $s s (projected $p) → $cause/$certainty', ({ order, t, s, p, cause, certainty }) => {
    expect(judgeObservedClose(order, t, s, p)).toEqual({ cause, certainty });
  });

  it('falls back to the silence judgement exactly when the order is unknown', () => {
    const inputs: Array<[number | null, number | null, number | null]> = [
      [7, 10, 12],
      [10, 6, 11],
      [10, 6, 8],
      [0, 50, 55],
      [7, null, null],
    ];
    for (const [t, s, p] of inputs) expect(judgeObservedClose('unknown', t, s, p)).toEqual(judgeSilence(t, s, p));
  });
});

describe('judgeObservedClose: short timeouts the last poll could not see', () => {
  it('abrupt, quiet at the last poll but silent long enough by the close → possible heartbeat', async () => {
    const { judgeObservedClose } = await import('../../server/analysis/close-cause');
    expect(judgeObservedClose('abrupt', 4, 0, 6)).toEqual({ cause: 'heartbeat-suspected', certainty: 'possible' });
    expect(judgeObservedClose('abrupt', 60, 0, 6)).toEqual({ cause: 'abrupt', certainty: 'likely' });
  });
});

describe('judgeObservedClose: allowing for the stats lag', () => {
  it('an abrupt close whose real silence could have reached two timeouts, given the lag → possible heartbeat', async () => {
    const { judgeObservedClose } = await import('../../server/analysis/close-cause');
    // Measured: a 5 s client blocked for 15 s until the broker dropped it, seen only 4 s silent at the poll 0.9 s before
    // (its counter trailed the wire by about 9 s).
    expect(judgeObservedClose('abrupt', 5, 4, 4.9)).toEqual({ cause: 'heartbeat-suspected', certainty: 'possible' });
    // With a timeout no longer than half the lag, no measured silence rules missed heartbeats out.
    expect(judgeObservedClose('abrupt', 5, 0, 0)).toEqual({ cause: 'heartbeat-suspected', certainty: 'possible' });
    expect(judgeObservedClose('abrupt', 7, 0, 3)).toEqual({ cause: 'abrupt', certainty: 'likely' }); // 3 + 10 < 14
    expect(judgeObservedClose('abrupt', 7, 0, 4)).toEqual({ cause: 'heartbeat-suspected', certainty: 'possible' }); // 4 + 10 ≥ 14
    expect(judgeObservedClose('abrupt', 30, 10, 12)).toEqual({ cause: 'abrupt', certainty: 'likely' }); // lag cannot cover 60 s
  });
});
