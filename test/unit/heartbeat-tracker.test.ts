import { describe, expect, it } from 'vitest';
import { HeartbeatTracker } from '../../server/sources/probes/heartbeat-tracker';

const T0 = 1_795_000_000_000;
const TUNING = { heartbeatSec: 10, frameMax: 131072 };

/** A tracker connected at T0 on a 10 s heartbeat. */
function connected(): HeartbeatTracker {
  const t = new HeartbeatTracker();
  t.connected(TUNING, T0);
  return t;
}

/** A heartbeat frame is also an inbound read: the wire tap reports both. */
function beat(t: HeartbeatTracker, at: number): void {
  t.inboundBytes(at);
  t.inboundHeartbeat(at);
}

describe('HeartbeatTracker: negotiated values', () => {
  it('reports the tuning and the expected interval (timeout/2)', () => {
    const s = connected().stats(T0);
    expect(s).toMatchObject({ timeoutSec: 10, frameMax: 131072, expectedIntervalMs: 5000, inboundHeartbeats: 0, outboundHeartbeats: 0 });
    expect(s).toMatchObject({ intervalMeanMs: null, intervalJitterMs: null, intervalMaxMs: null, lastInboundHeartbeatAt: null });
  });

  it('has no expected interval when heartbeats are disabled', () => {
    const t = new HeartbeatTracker();
    t.connected({ heartbeatSec: 0, frameMax: 131072 }, T0);
    expect(t.stats(T0 + 1000)).toMatchObject({ timeoutSec: 0, expectedIntervalMs: null, silenceMs: 1000, marginMs: null });
  });

  it('before any connection everything is null or zero', () => {
    expect(new HeartbeatTracker().stats(T0)).toMatchObject({ timeoutSec: null, frameMax: null, silenceMs: null, marginMs: null, inboundGapMaxMs: null, inboundHeartbeats: 0 });
  });
});

describe('HeartbeatTracker: intervals between inbound heartbeats', () => {
  it.each([
    { case: 'steady at 5 s', beats: [5000, 10_000, 15_000, 20_000], mean: 5000, jitter: 0, max: 5000, last: 5000 },
    { case: 'one late beat', beats: [5000, 10_000, 16_000], mean: 5500, jitter: 500, max: 6000, last: 6000 },
    { case: 'ragged', beats: [4000, 8000, 14_000, 18_000, 24_000], mean: 5000, jitter: 1000, max: 6000, last: 6000 },
    { case: 'a single beat has no interval', beats: [5000], mean: null, jitter: null, max: null, last: null },
  ])('$case', ({ beats, mean, jitter, max, last }) => {
    const t = connected();
    for (const at of beats) beat(t, T0 + at);
    const now = T0 + beats.at(-1)!;
    const s = t.stats(now);
    expect([s.intervalMeanMs, s.intervalJitterMs, s.intervalMaxMs]).toEqual([mean, jitter, max]);
    expect(s.inboundHeartbeats).toBe(beats.length);
    expect(s.lastInboundHeartbeatAt).toBe(now);
    expect(t.lastIntervalMs(now)).toBe(last);
  });

  it('rounds mean and jitter to whole milliseconds', () => {
    const t = connected();
    for (const at of [0, 5000, 10_001, 15_003]) beat(t, T0 + at);
    const s = t.stats(T0 + 15_003);
    expect(s.intervalMeanMs).toBe(5001); // 15003 / 3
    expect(Number.isInteger(s.intervalJitterMs)).toBe(true);
  });

  it('counts outbound heartbeats separately', () => {
    const t = connected();
    t.outboundHeartbeat(T0 + 5000);
    t.outboundHeartbeat(T0 + 10_000);
    expect(t.stats(T0 + 10_000)).toMatchObject({ outboundHeartbeats: 2, lastOutboundHeartbeatAt: T0 + 10_000, inboundHeartbeats: 0 });
  });
});

describe('HeartbeatTracker: silence, margin and inbound gaps', () => {
  it.each([
    { case: 'just heard', lastRead: 4000, now: 4000, silence: 0, margin: 10_000 },
    { case: 'quiet for 3 s', lastRead: 4000, now: 7000, silence: 3000, margin: 7000 },
    { case: 'at the timeout', lastRead: 4000, now: 14_000, silence: 10_000, margin: 0 },
    { case: 'past the timeout', lastRead: 4000, now: 16_500, silence: 12_500, margin: -2500 },
    { case: 'nothing since connecting', lastRead: null, now: 2500, silence: 2500, margin: 7500 },
  ])('$case: silence $silence, margin $margin', ({ lastRead, now, silence, margin }) => {
    const t = connected();
    if (lastRead !== null) t.inboundBytes(T0 + lastRead);
    const s = t.stats(T0 + now);
    expect([s.silenceMs, s.marginMs]).toEqual([silence, margin]);
    expect(s.lastInboundAt).toBe(T0 + (lastRead ?? 0));
  });

  it('silence counts any inbound read, not only heartbeat frames', () => {
    const t = connected();
    beat(t, T0 + 5000);
    t.inboundBytes(T0 + 8000); // a delivery
    expect(t.stats(T0 + 9000)).toMatchObject({ silenceMs: 1000, lastInboundHeartbeatAt: T0 + 5000, lastInboundAt: T0 + 8000 });
  });

  it('the longest gap between inbound reads, or the current silence when longer', () => {
    const t = connected();
    for (const at of [1000, 2000, 6500, 7000]) t.inboundBytes(T0 + at);
    expect(t.stats(T0 + 7000).inboundGapMaxMs).toBe(4500);
    expect(t.stats(T0 + 12_000).inboundGapMaxMs).toBe(5000); // silent since 7000
  });

  it('before any read after connecting, the gap is the silence', () => {
    expect(connected().stats(T0 + 1234).inboundGapMaxMs).toBe(1234);
  });

  it('forgets gaps older than a minute', () => {
    const t = connected();
    t.inboundBytes(T0 + 9000); // a 9 s gap
    for (let at = 10_000; at <= 80_000; at += 1000) t.inboundBytes(T0 + at);
    expect(t.stats(T0 + 80_000).inboundGapMaxMs).toBe(1000);
  });
});

describe('HeartbeatTracker: disconnects and reconnects', () => {
  it('disconnected: silence and margin are null, timeout unknown', () => {
    const t = connected();
    beat(t, T0 + 5000);
    t.disconnected();
    expect(t.stats(T0 + 60_000)).toMatchObject({ timeoutSec: null, expectedIntervalMs: null, silenceMs: null, marginMs: null, inboundHeartbeats: 1 });
  });

  it('counters survive a reconnect; intervals do not span the outage', () => {
    const t = connected();
    beat(t, T0 + 5000);
    beat(t, T0 + 10_000);
    t.outboundHeartbeat(T0 + 10_000);
    t.disconnected();
    t.connected({ heartbeatSec: 20, frameMax: 4096 }, T0 + 100_000);
    beat(t, T0 + 110_000);
    const s = t.stats(T0 + 110_000);
    expect(s).toMatchObject({ timeoutSec: 20, frameMax: 4096, expectedIntervalMs: 10_000, inboundHeartbeats: 3, outboundHeartbeats: 1 });
    // only the new connection's beats count: one beat so far, no interval
    expect(s.intervalMaxMs).toBeNull();
    beat(t, T0 + 120_000);
    expect(t.stats(T0 + 120_000)).toMatchObject({ intervalMeanMs: 10_000, intervalMaxMs: 10_000, silenceMs: 0, marginMs: 20_000 });
  });

  it('silence restarts from the reconnect', () => {
    const t = connected();
    t.inboundBytes(T0 + 1000);
    t.disconnected();
    t.connected(TUNING, T0 + 50_000);
    expect(t.stats(T0 + 52_000)).toMatchObject({ silenceMs: 2000, marginMs: 8000, lastInboundAt: T0 + 50_000 });
  });
});
