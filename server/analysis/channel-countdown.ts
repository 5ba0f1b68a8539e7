import type { ChannelHealth } from '../contract';
import type { RawChannel, RawConsumer, RawQueue } from '../sources/management/types';
import { timeoutRulesOf } from '../shared/consumer-timeout-versions';
import { channelTimeouts } from './consumer-timeout';
import { unackedStartOf, type UnackedTracks } from './unacked-age';

/** A channel's consumer timeout countdown, as the contract carries it: its start and its length. */
export type ChannelCountdown = Pick<ChannelHealth, 'unackedSince' | 'unackedSinceFirstSeen' | 'consumerTimeoutMs' | 'consumerTimeoutSource'>;

export type CountdownOf = (connectionId: string, channel: RawChannel, consumers: readonly RawConsumer[]) => ChannelCountdown;

/** The countdowns of one poll: how long each channel has held its messages (unacked-age.ts) against the timeout that applies (consumer-timeout.ts). */
export function countdownsAt(
  poll: { observedAt: number; brokerVersion: string | null; queues: readonly RawQueue[] },
  tracks: UnackedTracks,
  configMs: number,
): CountdownOf {
  const timeoutOf = channelTimeouts(poll.queues, timeoutRulesOf(poll.brokerVersion), configMs);
  return (connectionId, channel, consumers) => {
    const start = unackedStartOf(tracks.get(channel.name), connectionId, poll.observedAt);
    const timeout = timeoutOf(consumers);
    return { unackedSince: start.since, unackedSinceFirstSeen: start.firstSeen, consumerTimeoutMs: timeout?.ms ?? null, consumerTimeoutSource: timeout?.source ?? null };
  };
}
