import type { ConnectionHealth, QueueHealth, TargetSample, Totals } from '../contract';

/** Totals from the lists themselves, so they always agree with the tables. */
export function deriveTotals(connections: readonly ConnectionHealth[], queues: readonly QueueHealth[]): Totals {
  let channels = 0;
  let consumers = 0;
  for (const c of connections) {
    channels += c.channelCount;
    for (const ch of c.channels) consumers += ch.consumers.length;
  }
  let ready = 0;
  let unacked = 0;
  let messages = 0;
  for (const q of queues) {
    ready += q.ready;
    unacked += q.unacked;
    messages += q.messages;
  }
  return { connections: connections.length, channels, consumers, queues: queues.length, ready, unacked, messages };
}

export function sampleOf(at: number, totals: Totals): TargetSample {
  return { at, connections: totals.connections, channels: totals.channels, ready: totals.ready, unacked: totals.unacked };
}
