import type { ChannelHealth } from '../contract';
import type { RawChannel, RawConsumer, RawQueue } from '../sources/management/types';
import { timeoutRulesOf } from '../shared/consumer-timeout-versions';
import { channelTimeouts } from './consumer-timeout';
import { unackedStartOf, type UnackedTracks } from './unacked-age';

/** A channel's consumer timeout countdown, as the contract carries it: its start and its length. */
export type ChannelCountdown = Pick<ChannelHealth, 'unackedSince' | 'unackedSinceFirstSeen' | 'hasAcked' | 'consumerTimeoutMs' | 'consumerTimeoutSource'>;

export type CountdownOf = (connectionId: string, channel: RawChannel, consumers: readonly RawConsumer[]) => ChannelCountdown;

/** The countdowns of one poll: how long each channel has held its messages (unacked-age.ts) against the timeout that applies (consumer-timeout.ts). */
export function countdownsAt(
  poll: { observedAt: number; brokerVersion: string | null; queues: readonly RawQueue[] },
  tracks: UnackedTracks,
  configMs: number,
): CountdownOf {
  const timeoutOf = channelTimeouts(poll.queues, timeoutRulesOf(poll.brokerVersion), configMs);
  return (connectionId, channel, consumers) => {
    const track = tracks.get(channel.name);
    const start = unackedStartOf(track, connectionId, poll.observedAt);
    const timeout = timeoutOf(consumers);
    const hasAcked = track?.connectionId === connectionId && (track.acks ?? 0) > 0;
    return {
      unackedSince: start.since,
      unackedSinceFirstSeen: start.firstSeen,
      hasAcked,
      consumerTimeoutMs: timeout?.ms ?? null,
      consumerTimeoutSource: timeout?.source ?? null,
    };
  };
}
