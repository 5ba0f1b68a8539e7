/**
 * The one contract between the rabbitpulse server and everything that reads it:
 * the dashboard (socket.io), scripts and tests (JSON over HTTP).
 *
 * Type-only on purpose: the UI imports it with `import type`, so nothing from
 * the server can leak into the browser bundle through this file.
 *
 * Units are in the field names (`Sec`, `Ms`, `At` = epoch milliseconds).
 * `null` always means "the broker did not tell us" — never "zero".
 */

/** Why a target's management API could not be read, in words a user can act on. */
export type TargetStatusKind =
  | 'starting' // no poll has finished yet
  | 'ok'
  | 'unreachable' // DNS failure, host unreachable, connection reset
  | 'refused' // nothing listens on the management port
  | 'timeout' // the API did not answer within the request timeout
  | 'unauthorized' // 401: wrong credentials
  | 'forbidden' // 403: the user lacks the `monitoring` (or `management`) tag
  | 'bad-response' // not JSON, truncated, or JSON of the wrong shape
  | 'http-error'; // any other non-2xx status

export interface TargetStatus {
  kind: TargetStatusKind;
  /** One plain sentence: what is wrong and what to do about it. */
  message: string;
  /** When the last complete poll succeeded; null if none ever did. */
  lastGoodAt: number | null;
  /** When the last poll attempt finished, good or bad. */
  lastPollAt: number | null;
  /** How long the last successful poll took end to end. */
  lastPollDurationMs: number | null;
  consecutiveFailures: number;
  /** When the next attempt is due (grows with backoff while failing). */
  nextPollAt: number | null;
}

export interface ConsumerHealth {
  tag: string;
  queue: string;
  vhost: string;
  /** Manual ack (true) or auto-ack (false). */
  ackRequired: boolean;
  /** Per-consumer prefetch; 0 means unlimited. */
  prefetch: number;
  exclusive: boolean;
  active: boolean;
}

export interface ChannelHealth {
  /** The broker's channel name, e.g. `127.0.0.1:40734 -> 127.0.0.1:5672 (1)`. */
  id: string;
  number: number;
  /** basic.qos per-consumer prefetch; 0 means unlimited. */
  prefetch: number;
  /** basic.qos global prefetch; 0 means unlimited. */
  globalPrefetch: number;
  unacked: number;
  unconfirmed: number;
  confirmMode: boolean;
  consumerCount: number;
  state: string | null;
  /** Messages acked per second on this channel, if the broker reports rates. */
  ackRate: number | null;
  deliverRate: number | null;
  consumers: ConsumerHealth[];
}

export type ConnectionState =
  | 'running'
  | 'flow'
  | 'blocking'
  | 'blocked'
  | 'starting'
  | 'tuning'
  | 'opening'
  | 'closing'
  | 'unknown';

export interface ConnectionHealth {
  /** The broker's connection name, unique per broker: `peer -> listener`. */
  id: string;
  /** Client-chosen `connection_name`, else the peer address. Untrusted text. */
  name: string;
  providedName: string | null;
  peer: string;
  /** `product version`, e.g. `amqplib 2.3.1`; `unknown` when not sent. Untrusted text. */
  client: string;
  clientProduct: string | null;
  clientVersion: string | null;
  platform: string | null;
  user: string;
  vhost: string;
  node: string | null;
  protocol: string | null;
  connectedAt: number | null;
  /** Negotiated heartbeat timeout; 0 = heartbeats disabled; null = not reported. */
  heartbeatTimeoutSec: number | null;
  /**
   * Seconds since the broker's inbound byte counter for this connection last
   * moved, at poll resolution. `silenceSinceFirstSeen` is true when it has not
   * moved since rabbitpulse first saw the connection, so the real silence may be longer.
   */
  silenceSec: number | null;
  silenceSinceFirstSeen: boolean;
  /** heartbeatTimeoutSec − silenceSec; null when heartbeats are off or unknown. */
  heartbeatMarginSec: number | null;
  /** When the inbound byte counter last moved (epoch ms); basis of silenceSec. */
  recvChangedAt: number | null;
  state: ConnectionState;
  sendPend: number | null;
  recvRate: number | null;
  sendRate: number | null;
  frameMax: number | null;
  channelCount: number;
  unacked: number;
  channels: ChannelHealth[];
}

export interface QueueRates {
  publish: number | null;
  deliver: number | null;
  ack: number | null;
  redeliver: number | null;
}

export interface QueueHealth {
  /** `vhost/name`: unique per broker. */
  id: string;
  vhost: string;
  name: string;
  type: string | null;
  state: string | null;
  node: string | null;
  durable: boolean;
  autoDelete: boolean;
  exclusive: boolean;
  ready: number;
  unacked: number;
  messages: number;
  persistent: number | null;
  consumers: number;
  /** 0..1; null when there are no consumers or the broker does not report it. */
  consumerUtilisation: number | null;
  rates: QueueRates;
}

export interface NodeHealth {
  name: string;
  running: boolean;
  memUsed: number | null;
  memLimit: number | null;
  memAlarm: boolean;
  diskFree: number | null;
  diskFreeLimit: number | null;
  diskAlarm: boolean;
  fdUsed: number | null;
  fdTotal: number | null;
  socketsUsed: number | null;
  socketsTotal: number | null;
  procUsed: number | null;
  procTotal: number | null;
  uptimeMs: number | null;
}

export interface Totals {
  connections: number;
  channels: number;
  consumers: number;
  queues: number;
  ready: number;
  unacked: number;
  messages: number;
}

export interface BrokerOverview {
  clusterName: string | null;
  rabbitmqVersion: string | null;
  erlangVersion: string | null;
  managementVersion: string | null;
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
}

/** One point of a target's overview chart, taken at each good poll. */
export interface TargetSample {
  at: number;
  connections: number;
  channels: number;
  ready: number;
  unacked: number;
}

/** One point of a connection's chart. */
export interface ConnectionSample {
  at: number;
  silenceSec: number | null;
  heartbeatMarginSec: number | null;
  unacked: number;
}

/** One point of a queue's chart. */
export interface QueueSample {
  at: number;
  ready: number;
  unacked: number;
}

/** Everything the dashboard knows about one target, minus its per-object lists. */
export interface TargetSummary {
  id: string;
  displayName: string;
  managementUrl: string; // without credentials
  status: TargetStatus;
  overview: BrokerOverview | null;
  nodes: NodeHealth[];
  totals: Totals | null;
  /** When the objects below were observed (the poll's start). */
  observedAt: number | null;
}

export interface TargetState extends TargetSummary {
  connections: ConnectionHealth[];
  queues: QueueHealth[];
}

export type EventKind = 'connection.closed';

/** How sure rabbitpulse is of an event's cause. */
export type Certainty = 'certain' | 'likely' | 'possible' | 'unknown';

export type CloseCause = 'heartbeat-suspected' | 'unknown';

/** What a connection looked like just before it vanished. */
export interface LastKnownConnection {
  id: string;
  name: string;
  client: string;
  user: string;
  vhost: string;
  heartbeatTimeoutSec: number | null;
  silenceSec: number | null;
  unacked: number;
  channelCount: number;
  lastSeenAt: number;
}

export interface PulseEvent {
  /** Stable id, unique per server run. */
  id: string;
  at: number;
  targetId: string;
  kind: EventKind;
  /** Display name of the connection concerned. Untrusted text. */
  connection: string | null;
  cause: CloseCause;
  certainty: Certainty;
  /** Source that first saw it. */
  source: 'poll';
  /** Plain sentences: what happened, the likely cause, and the fix. */
  explanation: string;
  lastKnown: LastKnownConnection | null;
}

/** The whole picture, sent on connect and whenever a client asks for it. */
export interface Snapshot {
  seq: number;
  serverTime: number;
  targets: TargetState[];
  /** Per-target overview chart history, oldest first. */
  series: Record<string, TargetSample[]>;
  /** Recent events, newest first. */
  events: PulseEvent[];
}

/** What changed in one target since the previous delta. */
export interface TargetDelta {
  targetId: string;
  /** Present when anything in the summary changed; replaces it whole (it is small). */
  summary?: TargetSummary;
  upsertConnections: ConnectionHealth[];
  removeConnections: string[];
  upsertQueues: QueueHealth[];
  removeQueues: string[];
  /** The overview chart point taken at this poll, if it was good. */
  sample?: TargetSample;
}

export interface Delta {
  /** Exactly previous seq + 1; anything else means the client missed one. */
  seq: number;
  serverTime: number;
  targets: TargetDelta[];
  /** Events that happened since the previous delta, newest first. */
  events: PulseEvent[];
}

export interface ConnectionSeriesRequest {
  targetId: string;
  connectionId: string;
}

export interface ConnectionSeriesReply {
  ok: boolean;
  error?: string;
  samples: ConnectionSample[];
}

export interface QueueSeriesRequest {
  targetId: string;
  queueId: string;
}

export interface QueueSeriesReply {
  ok: boolean;
  error?: string;
  samples: QueueSample[];
}

/** socket.io: server → browser. Every event carries exactly one object. */
export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
}

/** socket.io: browser → server. */
export interface ClientToServerEvents {
  /** Sent after a sequence gap; the server answers with a `snapshot` event. */
  'snapshot:request': (request: { reason: string }) => void;
  'series:connection': (request: ConnectionSeriesRequest, reply: (r: ConnectionSeriesReply) => void) => void;
  'series:queue': (request: QueueSeriesRequest, reply: (r: QueueSeriesReply) => void) => void;
}

/** GET /api/v1/state */
export interface StateResponse {
  serverTime: number;
  targets: TargetState[];
}

/** GET /api/v1/events */
export interface EventsResponse {
  serverTime: number;
  events: PulseEvent[];
}

/** GET /healthz */
export interface HealthResponse {
  ok: true;
  uptimeSec: number;
  version: string;
  targets: Array<{ id: string; status: TargetStatusKind }>;
}
