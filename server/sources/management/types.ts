/**
 * What one management poll yields after normalisation: the few fields
 * rabbitpulse uses, typed, with `null` where the broker left a field out
 * (4.x with metrics collection disabled drops many). Internal to the server;
 * the browser sees the derived types in contract.ts instead.
 */
import type { BrokerOverview, ConnectionHealth, ConsumerHealth, NodeHealth, QueueHealth } from '../../contract';

/** Overview and node fields are used as the broker gives them, so they share the contract's types. */
export type RawOverview = BrokerOverview;
export type RawNode = NodeHealth;

/** The fields a connection row passes to the browser unchanged; they keep the contract's types. */
type PassedThrough = 'providedName' | 'clientProduct' | 'clientVersion' | 'platform' | 'user' | 'vhost' | 'node' | 'protocol' | 'connectedAt' | 'sendPend' | 'frameMax';

export interface RawConnection extends Pick<ConnectionHealth, PassedThrough> {
  /** The broker's name for it, `peer -> listener`. */
  name: string;
  peerHost: string | null;
  peerPort: number | null;
  timeout: number | null;
  state: string | null;
  recvOct: number | null;
  recvRate: number | null;
  sendRate: number | null;
  channels: number | null;
}

export interface RawChannel {
  name: string;
  connectionName: string;
  number: number;
  prefetch: number;
  globalPrefetch: number;
  unacked: number;
  unconfirmed: number;
  confirm: boolean;
  consumerCount: number;
  state: string | null;
  ackRate: number | null;
  deliverRate: number | null;
  /** Cumulative acks on the channel (`message_stats.ack`); null when the broker left it out (no activity yet, or stats off). */
  acks: number | null;
}

/** A consumer is the contract's as the broker gives it, plus the channel it is on (how it is filed under its channel). */
export interface RawConsumer extends ConsumerHealth {
  channelName: string;
}

/**
 * A queue's fields are the contract's as the broker gives them, less the id
 * rabbitpulse makes from vhost and name, with the rates flat until they are
 * grouped. consumerUtilisation is the broker's raw figure here.
 */
export interface RawQueue extends Omit<QueueHealth, 'id' | 'rates'> {
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
  redeliverRate: number | null;
  /** The `x-consumer-timeout` queue argument, in ms; null when not set (or not a whole number, which the broker ignores too). */
  timeoutArgumentMs: number | null;
  /** The `consumer-timeout` key of the queue's effective policy, in ms; null when not set or not reported. */
  timeoutPolicyMs: number | null;
}

export interface RawPoll {
  /** When the poll started: the objects were observed at or after this. */
  startedAt: number;
  finishedAt: number;
  overview: RawOverview;
  nodes: RawNode[];
  connections: RawConnection[];
  channels: RawChannel[];
  consumers: RawConsumer[];
  queues: RawQueue[];
  /**
   * Names of the connections open when the poll ended (LIVE_CONNECTIONS_PATH);
   * null when the broker did not give a usable answer, and the stats list is then used as it is.
   */
  liveConnectionNames: string[] | null;
  /** Bytes of JSON received, for the benchmark and self-health. */
  bytes: number;
}
