import type { ChannelHealth } from '../contract';
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

/** Per connection id (ConnectionIdentity's), then per channel name: a channel's name is reused with its connection's port. */
export type UnackedTracks = ReadonlyMap<string, ReadonlyMap<string, UnackedTrack>>;

/** What one poll shows of a channel. */
export interface UnackedSighting {
  unacked: number;
  acks: number | null;
  tags: readonly string[];
}

/** One channel's track after one more poll at `at`; `before` is undefined for a channel not seen before. */
export function nextUnackedTrack(before: UnackedTrack | undefined, seen: UnackedSighting, at: number): UnackedTrack {
  const acks = seen.acks ?? before?.acks ?? null;
  const base = { unacked: seen.unacked, acks, tags: seen.tags };
  if (seen.unacked <= 0) return { ...base, since: null, startedBy: null };
  if (!before) return { ...base, since: at, startedBy: 'first-sight' };
  if (before.since === null) return { ...base, since: at, startedBy: 'delivery' };
  const acked = seen.acks !== null && before.acks !== null && seen.acks !== before.acks;
  const settled = seen.unacked < before.unacked;
  if (acked || settled || replaced(before.tags, seen.tags)) return { ...base, since: at, startedBy: 'progress' };
  return { ...base, since: before.since, startedBy: before.startedBy };
}

/** Every consumer of before is gone and others are there: a different holder. Cancelling some, or adding some, is not. */
function replaced(before: readonly string[], now: readonly string[]): boolean {
  if (before.length === 0 || now.length === 0) return false;
  return !now.some((t) => before.includes(t));
}

/**
 * Advances every listed channel's track by one poll. Channels not listed are
 * forgotten (a closed channel's deliveries went back to the queue), and so
 * are connections not listed.
 */
export function trackUnacked(
  prev: UnackedTracks,
  channels: readonly RawChannel[],
  consumers: readonly RawConsumer[],
  connectionIdOf: (connectionName: string) => string | undefined,
  at: number,
): Map<string, Map<string, UnackedTrack>> {
  const tagsByChannel = new Map<string, string[]>();
  for (const c of consumers) {
    const list = tagsByChannel.get(c.channelName);
    if (list) list.push(c.tag);
    else tagsByChannel.set(c.channelName, [c.tag]);
  }
  const next = new Map<string, Map<string, UnackedTrack>>();
  for (const ch of channels) {
    const connectionId = connectionIdOf(ch.connectionName);
    if (connectionId === undefined) continue;
    const sighting = { unacked: ch.unacked, acks: ch.acks, tags: tagsByChannel.get(ch.name) ?? [] };
    const track = nextUnackedTrack(prev.get(connectionId)?.get(ch.name), sighting, at);
    let byName = next.get(connectionId);
    if (!byName) next.set(connectionId, (byName = new Map()));
    byName.set(ch.name, track);
  }
  return next;
}

/**
 * What the wire carries of a track at poll `observedAt`: the run's start,
 * except for a run that progress began at this very poll. That says only "0 s
 * or more", and a channel acking steadily begins one at every poll: sent, it
 * would re-send the connection's row each time for nothing. Such a run is
 * sent from the next poll on, if it lasts.
 */
export function unackedSinceOf(track: UnackedTrack | undefined, observedAt: number): Pick<ChannelHealth, 'unackedSince' | 'unackedSinceFirstSeen'> {
  if (!track || track.since === null || (track.startedBy === 'progress' && track.since >= observedAt)) return { unackedSince: null, unackedSinceFirstSeen: false };
  return { unackedSince: track.since, unackedSinceFirstSeen: track.startedBy === 'first-sight' };
}
