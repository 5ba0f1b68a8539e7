import { describe, expect, it } from 'vitest';
import { nextUnackedTrack, trackUnacked, unackedStartOf, type UnackedSighting, type UnackedTrack, type UnackedTracks } from '../../server/analysis/unacked-age';
import { CONN_NAME, rawChannel, rawConsumer } from './builders';

const T0 = 1_000_000;
const P = 5000;

describe('nextUnackedTrack over a sequence of polls', () => {
  type Step = { seen: Partial<UnackedSighting>; since: number | null; by: UnackedTrack['startedBy']; why: string };
  const run = (steps: Step[]) => {
    let track: UnackedTrack | undefined;
    for (const [i, s] of steps.entries()) {
      track = nextUnackedTrack(track, { connectionId: 'c1', unacked: 3, acks: 0, tags: ['t1'], ...s.seen }, T0 + i * P);
      expect({ since: track.since, by: track.startedBy }, `poll ${i}: ${s.why}`).toEqual({ since: s.since, by: s.by });
    }
  };

  it('first seen holding messages: the run starts at first sight, and is marked so until it ends', () => {
    run([
      { seen: {}, since: T0, by: 'first-sight', why: 'first sight' },
      { seen: {}, since: T0, by: 'first-sight', why: 'nothing acked: the same messages' },
      { seen: { unacked: 5 }, since: T0, by: 'first-sight', why: 'more delivered, none acked: the old ones are still there' },
      { seen: { unacked: 5, acks: 2 }, since: T0 + 3 * P, by: 'progress', why: 'acks moved: the oldest may be gone' },
      { seen: { unacked: 5, acks: 2 }, since: T0 + 3 * P, by: 'progress', why: 'still' },
    ]);
  });

  it('first seen empty: a later run is not "since first sight"', () => {
    run([
      { seen: { unacked: 0 }, since: null, by: null, why: 'nothing held' },
      { seen: { unacked: 1 }, since: T0 + P, by: 'delivery', why: 'a delivery since the last poll' },
      { seen: { unacked: 0, acks: 1 }, since: null, by: null, why: 'back to 0' },
      { seen: { unacked: 2, acks: 1 }, since: T0 + 3 * P, by: 'delivery', why: 'a new run' },
    ]);
  });

  it('a falling count ends the run even with the acks still (nack or reject)', () => {
    run([
      { seen: { unacked: 4 }, since: T0, by: 'first-sight', why: 'first sight' },
      { seen: { unacked: 3 }, since: T0 + P, by: 'progress', why: 'one settled without an ack' },
      { seen: { unacked: 3 }, since: T0 + P, by: 'progress', why: 'still' },
    ]);
  });

  it('a missing ack count is unknown, not a movement; its return with another value is one', () => {
    run([
      { seen: { acks: 7 }, since: T0, by: 'first-sight', why: 'first sight' },
      { seen: { acks: null }, since: T0, by: 'first-sight', why: 'the broker left the counter out' },
      { seen: { acks: 7 }, since: T0, by: 'first-sight', why: 'back, unchanged: nothing was acked' },
      { seen: { acks: null }, since: T0, by: 'first-sight', why: 'left out again' },
      { seen: { acks: 9 }, since: T0 + 4 * P, by: 'progress', why: 'back, moved: acked while it was out' },
    ]);
  });

  it('without any ack count only the count falling (to 0 or not) ends a run', () => {
    run([
      { seen: { acks: null }, since: T0, by: 'first-sight', why: 'first sight, no counter' },
      { seen: { acks: null, unacked: 3 }, since: T0, by: 'first-sight', why: 'same count: taken as the same messages' },
      { seen: { acks: null, unacked: 2 }, since: T0 + 2 * P, by: 'progress', why: 'fell' },
      { seen: { acks: null, unacked: 0 }, since: null, by: null, why: 'emptied' },
    ]);
  });

  it('the same channel name on another connection (a reused port) is another channel: first sight again', () => {
    run([
      { seen: {}, since: T0, by: 'first-sight', why: 'first sight' },
      { seen: { acks: 5 }, since: T0 + P, by: 'progress', why: 'acked' },
      { seen: { connectionId: 'c2', acks: 5 }, since: T0 + 2 * P, by: 'first-sight', why: 'a new connection under the old name' },
    ]);
  });

  it('every consumer replaced (a reused channel number) starts a new run; one more or one fewer does not', () => {
    run([
      { seen: { tags: ['a'] }, since: T0, by: 'first-sight', why: 'first sight' },
      { seen: { tags: ['a', 'b'] }, since: T0, by: 'first-sight', why: 'a consumer added' },
      { seen: { tags: ['b'] }, since: T0, by: 'first-sight', why: 'one cancelled: its deliveries stay on the channel' },
      { seen: { tags: ['c'] }, since: T0 + 3 * P, by: 'progress', why: 'all replaced' },
      { seen: { tags: [] }, since: T0 + 3 * P, by: 'progress', why: 'all cancelled, deliveries still held' },
    ]);
  });
});

describe('trackUnacked', () => {
  const OTHER = '10.0.0.9:5000 -> 127.0.0.1:5672';
  const ids: Record<string, string> = { [CONN_NAME]: 'c-one', [OTHER]: 'c-two' };
  const idOf = (name: string) => ids[name];

  it("keys tracks by channel name, each naming its connection's id, and reads each channel its own consumers", () => {
    const channels = [rawChannel({ number: 1 }), rawChannel({ number: 2, unacked: 0 }), rawChannel({ connectionName: OTHER, number: 1, unacked: 9, acks: null })];
    const consumers = [rawConsumer({ tag: 'x' }), rawConsumer({ tag: 'y', channelName: `${OTHER} (1)` })];
    const tracks = trackUnacked(new Map(), channels, consumers, idOf, T0);
    expect(Object.fromEntries(tracks)).toEqual({
      [`${CONN_NAME} (1)`]: { connectionId: 'c-one', unacked: 3, acks: 0, tags: ['x'], since: T0, startedBy: 'first-sight' },
      [`${CONN_NAME} (2)`]: { connectionId: 'c-one', unacked: 0, acks: 0, tags: [], since: null, startedBy: null },
      [`${OTHER} (1)`]: { connectionId: 'c-two', unacked: 9, acks: null, tags: ['y'], since: T0, startedBy: 'first-sight' },
    });
  });

  it('a new connection on the same name (another id) starts afresh; unlisted channels are forgotten', () => {
    const first = trackUnacked(new Map(), [rawChannel(), rawChannel({ connectionName: OTHER })], [], idOf, T0);
    const reused = trackUnacked(first, [rawChannel()], [], () => 'c-one-again', T0 + P);
    expect([...reused.keys()]).toEqual([`${CONN_NAME} (1)`]);
    expect(reused.get(`${CONN_NAME} (1)`)).toMatchObject({ connectionId: 'c-one-again', since: T0 + P, startedBy: 'first-sight' });
  });

  it('skips channels of connections the store does not hold (closed already)', () => {
    expect(trackUnacked(new Map(), [rawChannel()], [], () => undefined, T0).size).toBe(0);
  });

  it('keeps an unchanged track as it is (no new object per channel and poll), and does not mutate the previous tracks', () => {
    const prev: UnackedTracks = trackUnacked(new Map(), [rawChannel()], [rawConsumer()], idOf, T0);
    const same = trackUnacked(prev, [rawChannel()], [rawConsumer()], idOf, T0 + P);
    expect(same.get(`${CONN_NAME} (1)`)).toBe(prev.get(`${CONN_NAME} (1)`));
    const moved = trackUnacked(prev, [rawChannel({ acks: 5 })], [rawConsumer()], idOf, T0 + P);
    expect(moved.get(`${CONN_NAME} (1)`)).toMatchObject({ acks: 5, since: T0 + P });
    expect(prev.get(`${CONN_NAME} (1)`)).toMatchObject({ acks: 0, since: T0 });
  });
});

describe('unackedStartOf: what the wire carries', () => {
  const track = (since: number | null, startedBy: UnackedTrack['startedBy']): UnackedTrack => ({ connectionId: 'c1', unacked: 3, acks: 0, tags: [], since, startedBy });
  it.each([
    ['no track', undefined, { since: null, firstSeen: false }],
    ['nothing held', track(null, null), { since: null, firstSeen: false }],
    ['first seen at this poll: at least 0 s, since first sight', track(T0 + P, 'first-sight'), { since: T0 + P, firstSeen: true }],
    ['delivered to an empty channel since the last poll', track(T0 + P, 'delivery'), { since: T0 + P, firstSeen: false }],
    // A run that progress began at this poll says only "0 s or more"; a channel acking steadily would begin one every poll.
    ['progress at this poll', track(T0 + P, 'progress'), { since: null, firstSeen: false }],
    ['progress at an earlier poll, held since', track(T0, 'progress'), { since: T0, firstSeen: false }],
    ['held since first sight', track(T0, 'first-sight'), { since: T0, firstSeen: true }],
  ])('%s', (_case, t, expected) => {
    expect(unackedStartOf(t, 'c1', T0 + P)).toEqual(expected);
  });

  it("another connection's track under the same channel name says nothing", () => {
    expect(unackedStartOf(track(T0, 'first-sight'), 'c2', T0 + P)).toEqual({ since: null, firstSeen: false });
  });
});
