import { describe, expect, it } from 'vitest';
import { applyRecvMoved, decodeHandles, encodeHandles, livenessChanges } from '../../server/stream/liveness';
import { sameConnectionRow } from '../../server/stream/silence';
import { connectionHealth } from './builders';

const T0 = 1_795_000_000_000;

describe('encodeHandles / decodeHandles', () => {
  it('sends few handles as first-then-gaps', () => {
    expect(encodeHandles([40, 3, 7, 1000])).toEqual({ gaps: [3, 4, 33, 960] });
    expect(decodeHandles({ gaps: [3, 4, 33, 960] })).toEqual([3, 7, 40, 1000]);
    expect(encodeHandles([])).toEqual({ gaps: [] });
    expect(decodeHandles({ gaps: [] })).toEqual([]);
  });

  it('sends many close together as a bitmap from the smallest, and picks whichever is shorter', () => {
    const dense = Array.from({ length: 1250 }, (_, i) => 101 + i * 4); // a quarter of 5,000
    const set = encodeHandles(dense);
    expect(set).toMatchObject({ from: 101 });
    expect(JSON.stringify(set).length).toBeLessThan(JSON.stringify({ gaps: dense }).length / 2);
    expect(decodeHandles(set)).toEqual(dense);
    expect(decodeHandles({ from: 8, bits: btoa(String.fromCharCode(0b101)) })).toEqual([8, 10]);
  });

  it('round-trips any set of handles, sparse or dense', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const kinds = new Set<string>();
    for (let run = 0; run < 200; run++) {
      const span = 1 + (next() % 20_000);
      const set = new Set(Array.from({ length: next() % 3000 }, () => 1 + (next() % span)));
      const encoded = encodeHandles([...set]);
      kinds.add(Object.keys(encoded).join());
      expect(decodeHandles(encoded)).toEqual([...set].sort((a, b) => a - b));
    }
    expect([...kinds].sort()).toEqual(['from,bits', 'gaps']);
  });
});

describe('livenessChanges', () => {
  const index = (rows: ReturnType<typeof connectionHealth>[]) => new Map(rows.map((r) => [r.id, r]));
  const before = [
    connectionHealth({ id: 'a', handle: 1, recvChangedAt: T0, silenceSinceFirstSeen: false }),
    connectionHealth({ id: 'b', handle: 2, recvChangedAt: T0, silenceSinceFirstSeen: true }),
    connectionHealth({ id: 'c', handle: 3, recvChangedAt: null, silenceSinceFirstSeen: true }),
    connectionHealth({ id: 'd', handle: 4, recvChangedAt: T0, silenceSinceFirstSeen: false }),
  ];
  const at = T0 + 5000;

  it('names counters that moved at this poll, re-sends rows whose liveness changed otherwise, skips rows already sent', () => {
    const next = [
      { ...before[0]!, recvChangedAt: at }, // moved
      { ...before[1]!, recvChangedAt: at, silenceSinceFirstSeen: false }, // first movement
      { ...before[2]!, recvChangedAt: T0 - 10_000 }, // counter came back: not expressible as "moved now"
      { ...before[3]!, recvChangedAt: at }, // moved, but its row is being re-sent anyway
      connectionHealth({ id: 'new', handle: 5, recvChangedAt: at }), // new: re-sent by the row diff
    ];
    const out = livenessChanges(index(before), next, new Set(['d', 'new']), at);
    expect(decodeHandles(out.recvMoved!)).toEqual([1, 2]);
    expect(out.resend.map((c) => c.id)).toEqual(['c']);
  });

  it('says nothing when nothing moved', () => {
    expect(livenessChanges(index(before), before, new Set(), at)).toEqual({ recvMoved: null, resend: [] });
  });

  it('the row comparison ignores exactly what recvMoved and withSilence carry', () => {
    const a = before[0]!;
    expect(sameConnectionRow({ ...a, recvChangedAt: at, silenceSinceFirstSeen: true, silenceSec: 9, heartbeatMarginSec: -2 }, a)).toBe(true);
    expect(sameConnectionRow({ ...a, unacked: a.unacked + 1 }, a)).toBe(false);
  });
});

describe('applyRecvMoved', () => {
  it('marks the named rows heard from at the poll and recomputes their silence', () => {
    const rows = [
      connectionHealth({ id: 'a', handle: 1, heartbeatTimeoutSec: 60, recvChangedAt: T0, silenceSec: 30, heartbeatMarginSec: 30, silenceSinceFirstSeen: true }),
      connectionHealth({ id: 'b', handle: 9, heartbeatTimeoutSec: 60, recvChangedAt: T0, silenceSec: 30, heartbeatMarginSec: 30 }),
    ];
    const out = applyRecvMoved(rows, encodeHandles([1]), T0 + 30_000);
    expect(out[0]).toMatchObject({ recvChangedAt: T0 + 30_000, silenceSec: 0, heartbeatMarginSec: 60, silenceSinceFirstSeen: false });
    expect(out[1]).toBe(rows[1]);
  });
});
