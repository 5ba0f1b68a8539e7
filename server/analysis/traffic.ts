import type { ConnectionTraffic } from '../contract';
import type { RawChannel, RawConnection } from '../sources/management/types';

/**
 * One connection's rates from a poll's rows. Computed when a page asks (once
 * per poll per open connection page) by scanning the poll's lists, rather
 * than for every connection at every poll: building a rates object for
 * 5,000 connections and 10,000 channels cost the main thread about 12 ms of
 * each poll (BENCHMARKS.md, CPU profile), for figures almost nobody is looking at.
 */
export function trafficOf(brokerName: string, connections: readonly RawConnection[], channels: readonly RawChannel[], observedAt: number): ConnectionTraffic | null {
  const c = connections.find((x) => x.name === brokerName);
  if (!c) return null;
  const traffic: ConnectionTraffic = { observedAt, recvRate: c.recvRate, sendRate: c.sendRate, channels: {} };
  for (const ch of channels) if (ch.connectionName === brokerName) traffic.channels[ch.name] = { ackRate: ch.ackRate, deliverRate: ch.deliverRate };
  return traffic;
}
