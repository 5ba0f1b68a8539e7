import type { RawChannel, RawConsumer } from '../sources/management/types';

/**
 * How long a channel has held unacknowledged deliveries, for the consumer
 * timeout countdown. The management API gives only counts, never a
 * delivery's age, but counts bound it from below: if a channel held unacked
 * messages at one poll, and since then none was acked (the cumulative ack
 * count has not moved), none was settled otherwise (the unacked count has not
 * fallen) and it never emptied, then those very messages are still held, so
 * the oldest delivery is at least as old as that poll. The poll where such a
 * run began is `since`.
 *
 * A run ends, and the next starts afresh, when the count falls to 0, the
 * acks move, the count falls (a nack or reject may have taken the oldest),
 * or every consumer on the channel was replaced (a channel number reused by a
 * new channel after the broker closed the old one, whose counts can look the
 * same). A missing ack count is unknown, not 0: it neither moves nor stays;
 * the count falling still ends the run.
 */
export interface UnackedTrack {
  /** The connection (ConnectionIdentity's id) the channel was on: a channel's name is reused with its connection's port. */
  connectionId: string;
  unacked: number;
  /** The last ack count the broker reported, kept through polls that left it out. */
  acks: number | null;
  /** Consumer tags at the last poll. */
  tags: readonly string[];
  /** Poll time at which the current run of held messages began; null while none are held. */
  since: number | null;
  /**
   * What began the run: rabbitpulse's first sight of the channel (the messages
   * may be older still), deliveries to an empty channel, or progress (acks,
   * settles or new consumers on a channel that was already holding some).
   */
  startedBy: 'first-sight' | 'delivery' | 'progress' | null;
}

/**
 * By channel name, each track naming its connection's id: a track of another
 * connection under the same name is a different channel. One flat map, kept
 * as it is where nothing changed: at 10,000 channels a map per connection and
 * a new object per channel and poll cost more than the rest of the poll's
 * derivation.
 */
export type UnackedTracks = ReadonlyMap<string, UnackedTrack>;

/** What one poll shows of a channel. */
export interface UnackedSighting {
  connectionId: string;
  unacked: number;
  acks: number | null;
  tags: readonly string[];
}

const NO_TAGS: readonly string[] = [];

/** One channel's track after one more poll at `at`; `before` is undefined for a channel not seen before. */
export function nextUnackedTrack(before: UnackedTrack | undefined, seen: UnackedSighting, at: number): UnackedTrack {
  const prev = before?.connectionId === seen.connectionId ? before : undefined;
  const acks = seen.acks ?? prev?.acks ?? null;
  // Kept as it is when nothing it records changed.
  const unchanged = prev !== undefined && prev.unacked === seen.unacked && prev.acks === acks && sameTags(prev.tags, seen.tags);
  if (seen.unacked <= 0) return unchanged ? prev : trackOf(seen, acks, null, null);
  if (!prev) return trackOf(seen, acks, at, 'first-sight');
  if (prev.since === null) return trackOf(seen, acks, at, 'delivery');
  const acked = seen.acks !== null && prev.acks !== null && seen.acks !== prev.acks;
  const settled = seen.unacked < prev.unacked;
  if (acked || settled || replaced(prev.tags, seen.tags)) return trackOf(seen, acks, at, 'progress');
  return unchanged ? prev : trackOf(seen, acks, prev.since, prev.startedBy);
}

function trackOf(seen: UnackedSighting, acks: number | null, since: number | null, startedBy: UnackedTrack['startedBy']): UnackedTrack {
  return { connectionId: seen.connectionId, unacked: seen.unacked, acks, tags: seen.tags, since, startedBy };
}

/** Every consumer of before is gone and others are there: a different holder. Cancelling some, or adding some, is not. */
function replaced(before: readonly string[], now: readonly string[]): boolean {
  if (before.length === 0 || now.length === 0) return false;
  return !now.some((t) => before.includes(t));
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * Advances every listed channel's track by one poll. Channels not listed are
 * forgotten (a closed channel's deliveries went back to the queue), and so
 * are those of connections the store does not hold (`connectionIdOf` gives
 * undefined).
 */
export function trackUnacked(
  prev: UnackedTracks,
  channels: readonly RawChannel[],
  consumers: readonly RawConsumer[],
  connectionIdOf: (connectionName: string) => string | undefined,
  at: number,
): Map<string, UnackedTrack> {
  const tagsByChannel = new Map<string, string[]>();
  for (const c of consumers) {
    const list = tagsByChannel.get(c.channelName);
    if (list) list.push(c.tag);
    else tagsByChannel.set(c.channelName, [c.tag]);
  }
  const next = new Map<string, UnackedTrack>();
  for (const ch of channels) {
    const connectionId = connectionIdOf(ch.connectionName);
    if (connectionId === undefined) continue;
    const sighting: UnackedSighting = { connectionId, unacked: ch.unacked, acks: ch.acks, tags: tagsByChannel.get(ch.name) ?? NO_TAGS };
    next.set(ch.name, nextUnackedTrack(prev.get(ch.name), sighting, at));
  }
  return next;
}

/** What the wire carries of a channel's track: the start of its countdown (see unackedSinceOf). */
export interface UnackedStart {
  since: number | null;
  firstSeen: boolean;
}

const NO_START: UnackedStart = { since: null, firstSeen: false };

/**
 * What the wire carries of a track at poll `observedAt`: the run's start,
 * except for a run that progress began at this very poll. That says only "0 s
 * or more", and a channel acking steadily begins one at every poll: sent, it
 * would re-send the connection's row each time for nothing. Such a run is
 * sent from the next poll on, if it lasts. A track of another connection
 * under the same channel name says nothing about this one.
 */
export function unackedStartOf(track: UnackedTrack | undefined, connectionId: string, observedAt: number): UnackedStart {
  if (!track || track.connectionId !== connectionId || track.since === null || (track.startedBy === 'progress' && track.since >= observedAt)) return NO_START;
  return { since: track.since, firstSeen: track.startedBy === 'first-sight' };
}
