import { describe, expect, it } from 'vitest';
import type { ChannelHealth } from '../../server/contract';
import { deriveTotals, sampleOf } from '../../server/analysis/summary';
import { connectionHealth, queueHealth } from './builders';

describe('summary', () => {
  const channel = (consumers: number): ChannelHealth => ({
    id: `ch${consumers}`,
    number: 1,
    prefetch: 0,
    globalPrefetch: 0,
    unacked: 0,
    unconfirmed: 0,
    confirmMode: false,
    consumerCount: consumers,
    state: 'running',
    consumers: Array.from({ length: consumers }, (_, i) => ({
      tag: `t${i}`,
      queue: 'q',
      vhost: '/',
      ackRequired: true,
      prefetch: 0,
      exclusive: false,
      active: true,
    })),
    unackedSince: null,
    unackedSinceFirstSeen: false,
    hasAcked: false,
    consumerTimeoutMs: null,
    consumerTimeoutSource: null,
  });

  it('adds up totals from the lists', () => {
    const conns = [
      connectionHealth({ id: 'a', channelCount: 2, channels: [channel(1), channel(2)] }),
      connectionHealth({ id: 'b', channelCount: 1, channels: [channel(0)] }),
    ];
    const queues = [queueHealth({ name: 'q1', ready: 2, unacked: 3, messages: 5 }), queueHealth({ name: 'q2', ready: 10, unacked: 0, messages: 10 })];
    const totals = deriveTotals(conns, queues);
    expect(totals).toEqual({ connections: 2, channels: 3, consumers: 3, queues: 2, ready: 12, unacked: 3, messages: 15 });
    expect(sampleOf(1234, totals)).toEqual({ at: 1234, connections: 2, channels: 3, ready: 12, unacked: 3 });
  });

  it('gives zeros for empty lists', () => {
    expect(deriveTotals([], [])).toEqual({ connections: 0, channels: 0, consumers: 0, queues: 0, ready: 0, unacked: 0, messages: 0 });
  });
});
