import { describe, expect, it } from 'vitest';
import { RoundTripTracker } from '../../server/sources/probes/round-trip';

const T0 = 1_795_000_000_000;
const DEADLINE = 5000;

const tracker = () => new RoundTripTracker(1000, DEADLINE);

describe('RoundTripTracker: latencies', () => {
  it('measures confirm and delivery latency from publish', () => {
    const t = tracker();
    t.published('m1', T0);
    t.confirmedAt('m1', T0 + 4);
    t.deliveredAt('m1', T0 + 11);
    expect(t.stats(T0 + 11)).toEqual({
      intervalMs: 1000,
      sent: 1,
      confirmed: 1,
      delivered: 1,
      lost: 0,
      lastConfirmMs: 4,
      lastDeliverMs: 11,
      confirmP50Ms: 4,
      confirmP99Ms: 4,
      deliverP50Ms: 11,
      deliverP99Ms: 11,
    });
  });

  it('a delivery may arrive before the confirm', () => {
    const t = tracker();
    t.published('m1', T0);
    t.deliveredAt('m1', T0 + 3);
    t.confirmedAt('m1', T0 + 5);
    expect(t.stats(T0 + 5)).toMatchObject({ confirmed: 1, delivered: 1, lastConfirmMs: 5, lastDeliverMs: 3 });
  });

  it('p50 and p99 over 100 round trips', () => {
    const t = tracker();
    for (let i = 1; i <= 100; i++) {
      const sentAt = T0 + i * 1000;
      t.published(`m${i}`, sentAt);
      t.confirmedAt(`m${i}`, sentAt + i); // confirm latencies 1..100
      t.deliveredAt(`m${i}`, sentAt + 2 * i); // delivery latencies 2..200
    }
    const s = t.stats(T0 + 101_000);
    expect([s.confirmP50Ms, s.confirmP99Ms, s.deliverP50Ms, s.deliverP99Ms]).toEqual([50, 99, 100, 198]);
    expect([s.lastConfirmMs, s.lastDeliverMs]).toEqual([100, 200]);
    expect([s.sent, s.confirmed, s.delivered, s.lost]).toEqual([100, 100, 100, 0]);
  });

  it('percentiles forget latencies older than five minutes; the last values stay', () => {
    const t = tracker();
    t.published('m1', T0);
    t.confirmedAt('m1', T0 + 7);
    t.deliveredAt('m1', T0 + 9);
    const s = t.stats(T0 + 6 * 60_000);
    expect([s.confirmP50Ms, s.deliverP99Ms]).toEqual([null, null]);
    expect([s.lastConfirmMs, s.lastDeliverMs]).toEqual([7, 9]);
  });

  it('nothing sent: zero counts and null latencies', () => {
    expect(tracker().stats(T0)).toMatchObject({ sent: 0, lost: 0, lastConfirmMs: null, confirmP50Ms: null, deliverP99Ms: null });
  });
});

describe('RoundTripTracker: duplicates and unknown ids', () => {
  it('counts a duplicate confirm or delivery once, keeping the first latency', () => {
    const t = tracker();
    t.published('m1', T0);
    t.confirmedAt('m1', T0 + 4);
    t.confirmedAt('m1', T0 + 40);
    t.deliveredAt('m1', T0 + 10);
    t.deliveredAt('m1', T0 + 100); // redelivery after the message settled
    expect(t.stats(T0 + 100)).toMatchObject({ confirmed: 1, delivered: 1, lastConfirmMs: 4, lastDeliverMs: 10, confirmP99Ms: 4, deliverP99Ms: 10 });
  });

  it('a duplicate confirm before the delivery is also ignored', () => {
    const t = tracker();
    t.published('m1', T0);
    t.confirmedAt('m1', T0 + 4);
    t.confirmedAt('m1', T0 + 6);
    expect(t.stats(T0 + 6)).toMatchObject({ confirmed: 1, lastConfirmMs: 4 });
  });

  it('ignores confirms and deliveries of ids never published', () => {
    const t = tracker();
    t.confirmedAt('ghost', T0);
    t.deliveredAt('ghost', T0);
    expect(t.stats(T0)).toMatchObject({ sent: 0, confirmed: 0, delivered: 0, lastConfirmMs: null });
  });
});

describe('RoundTripTracker: lost messages', () => {
  it.each([
    { case: 'within the deadline', now: T0 + DEADLINE, all: false, lost: 0 },
    { case: 'past the deadline', now: T0 + DEADLINE + 1, all: false, lost: 2 },
    { case: 'connection dropped (all)', now: T0 + 1, all: true, lost: 2 },
  ])('$case → $lost lost', ({ now, all, lost }) => {
    const t = tracker();
    t.published('m1', T0);
    t.published('m2', T0);
    t.published('m3', T0);
    t.confirmedAt('m3', T0 + 2);
    t.deliveredAt('m3', T0 + 3); // settled: never lost
    t.expire(now, all);
    expect(t.stats(now)).toMatchObject({ sent: 3, lost });
  });

  it('only overdue messages are lost; younger ones stay in flight', () => {
    const t = tracker();
    t.published('old', T0);
    t.published('young', T0 + 4000);
    t.expire(T0 + 6000);
    expect(t.stats(T0 + 6000).lost).toBe(1);
    t.deliveredAt('young', T0 + 6500);
    t.confirmedAt('young', T0 + 6600);
    t.expire(T0 + 20_000);
    expect(t.stats(T0 + 20_000)).toMatchObject({ lost: 1, confirmed: 1, delivered: 1 });
  });

  it('a message expired as lost is not counted again, nor confirmed late', () => {
    const t = tracker();
    t.published('m1', T0);
    t.expire(T0 + 10_000);
    t.expire(T0 + 20_000);
    t.expire(T0 + 20_000, true);
    t.confirmedAt('m1', T0 + 21_000);
    t.deliveredAt('m1', T0 + 21_000);
    expect(t.stats(T0 + 21_000)).toMatchObject({ sent: 1, lost: 1, confirmed: 0, delivered: 0, lastConfirmMs: null });
  });

  it('expire(now, true) on an empty tracker loses nothing', () => {
    const t = tracker();
    t.expire(T0, true);
    expect(t.stats(T0).lost).toBe(0);
  });
});
