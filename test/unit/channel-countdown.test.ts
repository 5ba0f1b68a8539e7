import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelHealth } from '../../server/contract';
import { TargetStore } from '../../server/state/target-store';
import { okOutcome, rawChannel, rawOverview, rawPoll, rawQueue, targetConfig } from './builders';
import { hubWithOneTarget } from './hub-harness';

/**
 * The consumer timeout countdown through the store (what a poll makes of a
 * channel) and the encoder (what it costs on the wire). The builders' channel
 * holds 3 unacked for one manual-ack consumer of peek-q.
 */
const T0 = 1_795_000_000_000;
const P = 5000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

const countdown = (ch: ChannelHealth) => ({
  unackedSince: ch.unackedSince,
  firstSeen: ch.unackedSinceFirstSeen,
  timeoutMs: ch.consumerTimeoutMs,
  source: ch.consumerTimeoutSource,
});

describe('a channel countdown through the store', () => {
  const channelAt = (store: TargetStore) => store.state().connections[0]!.channels[0]!;
  const apply = (store: TargetStore, p: ReturnType<typeof rawPoll>) => store.applyOutcome(okOutcome(p), { attemptAt: p.startedAt, nextPollAt: p.startedAt + P });

  it('starts at first sight, ends when acks move, and is published again once the rest are held across a poll', () => {
    const store = new TargetStore(targetConfig(), 100);
    const seen: Array<ReturnType<typeof countdown>> = [];
    for (const [i, acks] of [0, 0, 0, 4, 4].entries()) {
      apply(store, rawPoll(T0 + i * P, { channels: [rawChannel({ acks })] }));
      seen.push(countdown(channelAt(store)));
    }
    const config = { timeoutMs: 1_800_000, source: 'config' };
    expect(seen).toEqual([
      { unackedSince: T0, firstSeen: true, ...config },
      { unackedSince: T0, firstSeen: true, ...config },
      { unackedSince: T0, firstSeen: true, ...config },
      { unackedSince: null, firstSeen: false, ...config },
      { unackedSince: T0 + 3 * P, firstSeen: false, ...config },
    ]);
  });

  it('knows whether the channel has ever acked: not while its count is 0 or missing, from the first ack on', () => {
    const store = new TargetStore(targetConfig(), 100);
    const acked: boolean[] = [];
    for (const [i, acks] of [null, 0, 0, 1, 1].entries()) {
      apply(store, rawPoll(T0 + i * P, { channels: [rawChannel({ acks })] }));
      acked.push(channelAt(store).hasAcked);
    }
    expect(acked).toEqual([false, false, false, true, true]);
  });

  it("takes the broker-wide value from alerts.consumerTimeoutMs, and a queue's argument only where the broker version honours it", () => {
    const store = new TargetStore(targetConfig(), 100, 60_000);
    const withArgument = (version: string, at: number) =>
      rawPoll(at, { overview: rawOverview({ rabbitmqVersion: version }), queues: [rawQueue({ timeoutArgumentMs: 20_000 })] });
    apply(store, withArgument('3.10.8', T0));
    expect(countdown(channelAt(store))).toMatchObject({ timeoutMs: 60_000, source: 'config' });
    apply(store, withArgument('3.12.14', T0 + P));
    expect(countdown(channelAt(store))).toMatchObject({ timeoutMs: 20_000, source: 'queue-argument' });
  });
});

describe('the countdown on the wire', () => {
  const upsertsAfter = (polls: Array<ReturnType<typeof rawPoll>>) => {
    const h = hubWithOneTarget();
    return polls.map((p) => h.poll(p).targets[0]!.upsertConnections.length);
  };

  // The age grows at every poll; only its start is sent, so a stuck channel costs nothing until something changes.
  it('a channel holding the same unacked without acks never re-sends its row', () => {
    const idle = [0, 1, 2, 3, 4].map((i) => rawPoll(T0 + i * P));
    expect(upsertsAfter(idle)).toEqual([1, 0, 0, 0, 0]);
  });

  it('a channel acking steadily at its prefetch limit (unacked constant, acks moving) re-sends its row once, when its countdown stops', () => {
    const busy = [0, 1, 2, 3, 4].map((i) => rawPoll(T0 + i * P, { channels: [rawChannel({ unacked: 3, acks: 100 * i })] }));
    expect(upsertsAfter(busy)).toEqual([1, 1, 0, 0, 0]);
  });

  it('a channel that stops acking re-sends its row once, when its countdown starts', () => {
    const stalls = [0, 1, 2, 3, 4].map((i) => rawPoll(T0 + i * P, { channels: [rawChannel({ unacked: 3, acks: Math.min(i, 2) * 100 })] }));
    expect(upsertsAfter(stalls)).toEqual([1, 1, 0, 1, 0]);
  });
});
