import { describe, expect, it } from 'vitest';
import { sameConnectionRow, withSilence } from '../../server/stream/silence';
import { connectionHealth } from './builders';

const CHANGED = 1_000_000;

describe('withSilence', () => {
  it.each([
    { at: CHANGED, timeout: 7, silence: 0, margin: 7 },
    { at: CHANGED + 5000, timeout: 7, silence: 5, margin: 2 },
    { at: CHANGED + 10_000, timeout: 7, silence: 10, margin: -3 },
    { at: CHANGED + 1234, timeout: 7, silence: 1.2, margin: 5.8 },
    { at: CHANGED + 1250, timeout: 7, silence: 1.3, margin: 5.7 },
    { at: CHANGED + 2349, timeout: 60, silence: 2.3, margin: 57.7 },
    { at: CHANGED + 7_000, timeout: 0, silence: 7, margin: null },
    { at: CHANGED + 7_000, timeout: null, silence: 7, margin: null },
    // a poll time before the counter moved (clock skew between polls) never gives negative silence
    { at: CHANGED - 3000, timeout: 7, silence: 0, margin: 7 },
  ])('observed at +$at ms with timeout $timeout → silence $silence, margin $margin', ({ at, timeout, silence, margin }) => {
    const conn = connectionHealth({ recvChangedAt: CHANGED, heartbeatTimeoutSec: timeout, silenceSec: null, heartbeatMarginSec: null });
    const out = withSilence(conn, at);
    expect(out.silenceSec).toBe(silence);
    expect(out.heartbeatMarginSec).toBe(margin);
    // everything else untouched, input not mutated
    expect({ ...out, silenceSec: null, heartbeatMarginSec: null }).toEqual(conn);
    expect(conn.silenceSec).toBeNull();
  });

  it('returns the same object when nothing changed', () => {
    const conn = connectionHealth({ recvChangedAt: CHANGED, heartbeatTimeoutSec: 7, silenceSec: 5, heartbeatMarginSec: 2 });
    expect(withSilence(conn, CHANGED + 5000)).toBe(conn);
    // rounding to 0.1 s hides a 40 ms move
    expect(withSilence(conn, CHANGED + 5040)).toBe(conn);
    expect(withSilence(conn, CHANGED + 5100)).not.toBe(conn);
  });

  it('returns the same object when the counter time is unknown', () => {
    const conn = connectionHealth({ recvChangedAt: null, silenceSec: null, heartbeatMarginSec: null });
    expect(withSilence(conn, CHANGED + 9000)).toBe(conn);
  });
});

describe('sameConnectionRow', () => {
  const base = connectionHealth();

  it('ignores silence and margin, and the liveness fields recvMoved carries', () => {
    expect(sameConnectionRow({ ...base, silenceSec: 42, heartbeatMarginSec: -35 }, base)).toBe(true);
    expect(sameConnectionRow({ ...base, recvChangedAt: 2_000_000, silenceSinceFirstSeen: false }, base)).toBe(true);
  });

  it.each([
    ['unacked', { unacked: 4 }],
    ['state', { state: 'blocked' as const }],
    ['heartbeatTimeoutSec', { heartbeatTimeoutSec: 60 }],
    ['name', { name: 'renamed' }],
    ['sendPend', { sendPend: 1 }],
  ])('changes when %s changes', (_field, change) => {
    expect(sameConnectionRow({ ...base, ...change }, base)).toBe(false);
  });
});
