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
  | 'too-large' // an answer passed poll.maxResponseBytes; reading it stopped there
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
  consumers: ConsumerHealth[];
  /**
   * The consumer timeout countdown's start (epoch ms; server/analysis/unacked-age.ts): the
   * poll at which this channel's unacked messages were first seen, with no ack
   * since, none settled and never back to 0. The oldest unacked delivery is at
   * least `now − unackedSince` old: always a lower bound. Null while nothing is
   * held, or when the channel acked or settled deliveries since the last poll:
   * its oldest may be new, and a channel acking steadily stays null, so its row
   * does not change at every poll. Receivers compute the age from it and their
   * clock; an age is never sent, since it changes every poll.
   */
  unackedSince: number | null;
  /** True when the countdown began at rabbitpulse's first sight of the channel: the messages may be older still. */
  unackedSinceFirstSeen: boolean;
  /**
   * The broker has counted acks on this channel (its cumulative ack count is
   * above 0): a consumer that acks at all, however slowly, is not one that
   * forgets to. Changes once in a channel's life.
   */
  hasAcked: boolean;
  /**
   * The delivery acknowledgement timeout that applies to this channel's
   * deliveries: the smallest of its consumers' queues'. Null when none applies
   * or it cannot be known (see server/analysis/consumer-timeout.ts).
   */
  consumerTimeoutMs: number | null;
  consumerTimeoutSource: ConsumerTimeoutSource | null;
}

/**
 * Where a consumer timeout comes from: the queue's `x-consumer-timeout`
 * argument, its policy's `consumer-timeout` key (both RabbitMQ 3.11.15+; when
 * both are set the broker takes the smaller), or rabbitpulse's
 * `alerts.consumerTimeoutMs` standing for the broker-wide `consumer_timeout`,
 * which the management API does not show.
 */
export type ConsumerTimeoutSource = 'queue-argument' | 'policy' | 'config';

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
  /**
   * Unique per connection, short and stable (server/shared/object-id.ts): the
   * broker's name plus when it opened. The name alone is not unique over time:
   * it is reused with the client port.
   */
  id: string;
  /**
   * A small number standing for `id` in `TargetDelta.recvMoved`, assigned by
   * the server when it first sees the connection and reused only after the
   * delta that removed it.
   */
  handle: number;
  /** The broker's connection name, `peer -> listener` (what `rabbitmqctl close_connection` takes). Untrusted text. */
  brokerName: string;
  /** Client-chosen `connection_name`, else the peer address. Untrusted text. */
  name: string;
  providedName: string | null;
  /** One of rabbitpulse's own probe connections (kept out of application findings). */
  own: boolean;
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
  frameMax: number | null;
  channelCount: number;
  unacked: number;
  channels: ChannelHealth[];
  /**
   * Documented defects of this client library version in what rabbitpulse
   * watches (server/analysis/known-bad-clients.ts), matched on
   * `clientProduct` and `clientVersion`; empty when none is known.
   */
  knownDefects: KnownDefect[];
}

/** What a known-defect finding is about. */
export type DefectArea = 'heartbeats' | 'large-messages' | 'acks' | 'connection';

/** One documented defect of a client library version. Text and link come from rabbitpulse's own table, never from the broker. */
export interface KnownDefect {
  /** One plain sentence: what goes wrong. */
  defect: string;
  /** The first version without the defect. */
  fixedIn: string;
  area: DefectArea;
  /** The library's own issue, pull request, changelog or commit that documents it. */
  source: string;
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

/**
 * A target's health in one verdict, derived by one function
 * (server/shared/target-health.ts) from everything known: the poll's status,
 * the probe, the event-exchange and broker-log subscriptions, and the target's
 * pending and firing alerts. `info`: nothing wrong, but something worth
 * knowing (the broker log is off, an info alert fires); `unknown`: not known
 * yet (the first poll or the probe's first connection is still under way).
 */
export type HealthLevel = 'ok' | 'info' | 'warn' | 'crit' | 'unknown';

export interface TargetHealth {
  level: HealthLevel;
  /** The level in one word: ok, warning, critical, starting. */
  word: string;
  /** Why, most severe first, each a short phrase ("probe down: credentials refused"); empty when all is well. */
  reasons: string[];
}

/** Everything the dashboard knows about one target, minus its per-object lists. */
export interface TargetSummary {
  id: string;
  displayName: string;
  managementUrl: string; // without credentials
  status: TargetStatus;
  /**
   * The target's health, derived again whenever the poll, the probe or the
   * target's alerts change. It changes rarely, so it rides the summary's
   * parts on the wire: a delta carries it only when it changed.
   */
  health: TargetHealth;
  overview: BrokerOverview | null;
  nodes: NodeHealth[];
  totals: Totals | null;
  /** When the objects below were observed (the poll's start). */
  observedAt: number | null;
}

export interface TargetState extends TargetSummary {
  connections: ConnectionHealth[];
  queues: QueueHealth[];
  /** rabbitpulse's own probe connection to this target; null when probes are off. */
  probe: ProbeState | null;
}

export type EventKind =
  | 'connection.closed' // any application's connection went away
  | 'probe.reset' // our own probe connection was lost
  | 'probe.recovered' // …and came back (carries the outage)
  | 'probe.channel-error' // a probe channel was closed by the broker (e.g. 406)
  | 'large-message.failed' // a large-message probe size was rejected, truncated or late
  | 'auth.failure' // someone failed to log in to the broker
  | 'alarm' // a broker resource alarm was set or cleared
  | 'channel.closed' // the broker closed an application's channel (channel exception, consumer timeout)
  | 'broker.notice'; // a warning or error in the broker's log that is none of the above

/** How sure rabbitpulse is of an event's cause. */
export type Certainty = 'certain' | 'likely' | 'possible' | 'unknown';

export type CloseCause =
  | 'clean' // orderly: channels closed before the connection (by the client, or an admin/broker force-close)
  | 'abrupt' // TCP dropped without a close handshake: process killed, network loss
  | 'heartbeat-suspected' // abrupt, after inbound silence of about the heartbeat timeout
  | 'missed-heartbeats' // the broker's log says it closed the connection for missed heartbeats
  | 'forced' // 320 CONNECTION_FORCED: closed through the management API or rabbitmqctl
  | 'shutdown' // the broker node shut down (or restarted) and closed its connections
  | 'handshake-timeout' // the client opened TCP but did not finish the AMQP handshake in time
  | 'access-refused' // the user may not use the vhost (403 ACCESS_REFUSED at connection open)
  | 'frame-error' // the client sent bytes that are not valid AMQP
  | 'consumer-timeout' // a delivery stayed unacknowledged longer than the consumer timeout: the broker closed the channel
  | 'client-heartbeat-timeout' // we stopped hearing the broker
  | 'reset-by-broker' // ECONNRESET: the broker (or something between) reset our socket
  | 'channel-error' // 406 PRECONDITION_FAILED etc.
  | 'refused' // nothing listening
  | 'unreachable' // DNS, routing, timeouts
  | 'auth-failure' // credentials refused
  | 'alarm'
  | 'notice' // the broker said something worth reading that has no cause of its own
  | 'unknown';

/** What a connection looked like just before it vanished. */
export interface LastKnownConnection {
  id: string;
  /** The broker's connection name, `peer -> listener`. */
  brokerName: string;
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
  source: EventSource;
  /** Plain sentences: what happened, the likely cause, and the fix. */
  explanation: string;
  lastKnown: LastKnownConnection | null;
  /** The broker's or client library's own words, e.g. `CONNECTION_FORCED - closed by admin`. Untrusted text. */
  detail?: string;
  /** AMQP reply code when there was one (320, 406, 403…). */
  code?: number;
  /** For probe.recovered: the outage that just ended. */
  outage?: Outage;
  /**
   * What the broker's log said about it (the log exchange), verbatim and
   * untrusted; present when the cause comes from there (certainty certain).
   */
  brokerLog?: BrokerLogLine;
  /** For channel.closed: the channel, and what was on it as last polled. */
  channel?: ClosedChannel;
}

export interface BrokerLogLine {
  /** The log level the broker used: info, warning, error… */
  level: string;
  node: string | null;
  /** The broker's own text, verbatim. Untrusted. */
  text: string;
}

export interface ClosedChannel {
  number: number;
  /** The AMQP exception, e.g. precondition_failed. */
  exception: string;
  /** The broker's reason, e.g. `unknown delivery tag 1`. Untrusted. */
  reason: string;
  /** The consumer and queue on it, where the log or the last poll named them. Untrusted. */
  consumerTag: string | null;
  queue: string | null;
  /** The channel's unacknowledged messages at the last poll: the broker returns them to their queues. Null if never polled. */
  unackedReturned: number | null;
  /** For a consumer timeout: the timeout the broker used. */
  timeoutMs: number | null;
}

/**
 * Who saw it first. `broker-log` means the cause is the broker's own words
 * from its log exchange, joined to the close the event exchange reported.
 */
export type EventSource = 'poll' | 'event-exchange' | 'probe' | 'broker-log';

/** A period during which a probe connection was down. */
export interface Outage {
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  cause: CloseCause;
  message: string;
}

export interface HeartbeatStats {
  /** Negotiated heartbeat timeout of the probe connection. */
  timeoutSec: number | null;
  frameMax: number | null;
  /** The broker should beat every timeout/2 when it has nothing else to send. */
  expectedIntervalMs: number | null;
  lastInboundHeartbeatAt: number | null;
  lastOutboundHeartbeatAt: number | null;
  lastInboundAt: number | null;
  inboundHeartbeats: number;
  outboundHeartbeats: number;
  /** Over the recent window of inbound heartbeat frames. */
  intervalMeanMs: number | null;
  intervalJitterMs: number | null;
  intervalMaxMs: number | null;
  /** Longest gap between any two inbound reads in the recent window. */
  inboundGapMaxMs: number | null;
  silenceMs: number | null;
  /** timeout − silence: how close the probe itself is to a heartbeat timeout. */
  marginMs: number | null;
}

export interface RoundTripStats {
  intervalMs: number;
  sent: number;
  confirmed: number;
  delivered: number;
  /** Messages not delivered back to the probe within the deadline (confirmed or not). */
  lost: number;
  lastConfirmMs: number | null;
  lastDeliverMs: number | null;
  confirmP50Ms: number | null;
  confirmP99Ms: number | null;
  deliverP50Ms: number | null;
  deliverP99Ms: number | null;
}

export type LargeMessageStatus = 'ok' | 'rejected' | 'truncated' | 'corrupt' | 'late' | 'error' | 'pending';

export interface LargeMessageResult {
  sizeBytes: number;
  label: string;
  status: LargeMessageStatus;
  at: number;
  latencyMs: number | null;
  throughputMBps: number | null;
  /** Plain explanation, with the broker's text when it refused. */
  message: string;
  /** The broker's limit, when it told us (from the 406 text). */
  limitBytes: number | null;
}

export type ProbeLinkState = 'connecting' | 'up' | 'down' | 'disabled';

/** The subscription to the broker's event exchange; `disabled` when the configuration turns it off. */
export type EventExchangeState = 'subscribed' | 'not-enabled' | 'connecting' | 'down' | 'disabled';
export interface EventExchangeStatus {
  state: EventExchangeState;
  message: string;
}

/**
 * The subscription to the broker's log exchange (`amq.rabbitmq.log`), which
 * exists only when rabbitmq.conf turns it on. Same states as the event
 * exchange's; `not-enabled` carries the config lines that turn it on.
 */
export type BrokerLogStatus = EventExchangeStatus;

export interface ProbeState {
  targetId: string;
  connectionName: string;
  state: ProbeLinkState;
  /** Since when it has been in this state. */
  since: number;
  lastError: { cause: CloseCause; message: string; at: number } | null;
  reconnectAttempts: number;
  nextAttemptAt: number | null;
  heartbeat: HeartbeatStats;
  roundTrip: RoundTripStats;
  largeMessages: LargeMessageResult[];
  /** Recent outages, newest first. */
  outages: Outage[];
  eventExchange: EventExchangeStatus;
  brokerLog: BrokerLogStatus;
}

/** One point of a probe's chart, taken about once a second. */
export interface ProbeSample {
  at: number;
  silenceMs: number | null;
  marginMs: number | null;
  heartbeatIntervalMs: number | null;
  confirmP50Ms: number | null;
  confirmP99Ms: number | null;
  deliverP50Ms: number | null;
  deliverP99Ms: number | null;
}

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A past spell of failing history writes: what was shown live then is missing from the history. */
export interface HistoryOutage {
  from: number;
  to: number;
  failedWrites: number;
}

/**
 * Whether rabbitpulse can keep what it sees (events, alerts, chart samples,
 * notifications still to send). While `failing`, everything is still shown
 * live but is not kept: it is gone after a restart.
 */
export type HistoryHealth =
  | {
      state: 'ok';
      /** The latest spell of failures this run, if any: the history has a gap there. */
      lastOutage: HistoryOutage | null;
    }
  | {
      state: 'failing';
      /** Plain sentences: what is wrong, what is not being kept, and what to do. */
      message: string;
      /** When the history stopped being kept. */
      since: number;
      /** Writes reported failed since then (writes into a deleted file seem to work and are not counted). */
      failedWrites: number;
      /** True when only a restart can clear it (the file was deleted or replaced, the history worker died). */
      untilRestart: boolean;
    };

/**
 * Entries a close joiner holds (server/sources/broker-log/close-joiner.ts):
 * closes waiting for their log line, lines that came before their close, and
 * posted closes a late line may still refine. Each is bounded by time and
 * count; the benchmark and the soak watch that they stay so.
 */
export interface BrokerLogKept {
  pending: number;
  early: number;
  sent: number;
}

/** rabbitpulse's own health, so a user can tell the broker's problems from ours. */
export interface SelfHealth {
  at: number;
  server: LoopDelay | null;
  probeWorker: LoopDelay | null;
  rssBytes: number;
  /** The main thread's V8 heap in use (the soak watches it for leaks next to RSS). */
  heapUsedBytes?: number;
  /** What the probe worker's close joiners hold, summed over targets; absent while no target subscribes to the broker's log. */
  brokerLogKept?: BrokerLogKept;
  history: HistoryHealth;
}

export type Severity = 'info' | 'warning' | 'critical';

/**
 * pending: the condition holds but not yet for the rule's `for` duration;
 * firing: it held long enough (notified); resolved: it cleared for the rule's
 * hysteresis (notified if it had fired).
 */
export type AlertState = 'pending' | 'firing' | 'resolved';

export interface AlertObject {
  kind: 'target' | 'connection' | 'queue' | 'channel' | 'node' | 'probe';
  /** The object's id: a connection's or queue's short id (server/shared/object-id.ts), a channel's broker name, a node's name. */
  id: string;
  /** What to call it. Untrusted text for connections and queues. */
  label: string;
}

/** One alert instance: one rule on one object of one target. */
export interface Alert {
  /** `rule|targetId|kind:objectId`: stable across restarts. */
  id: string;
  rule: string;
  title: string;
  severity: Severity;
  state: AlertState;
  targetId: string;
  object: AlertObject;
  /** When it entered its current state. */
  since: number;
  firstSeenAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  /** The measured value behind it, in words ("silent 14 s with a 5 s heartbeat timeout"). Untrusted text may appear. */
  value: string;
  /** Likely cause and the fix, in plain sentences. */
  explanation: string;
  acknowledgedAt: number | null;
  silencedUntil: number | null;
  /**
   * Notifications this alert has raised over all its episodes (firing,
   * reminders, resolved; silenced ones are not raised). Raised is not sent:
   * it counts whether or not any notifier takes them, and before any
   * delivery. It numbers the notifications, so their idempotency keys stay
   * unique across episodes. What reached whom is in `delivery`. (The name is
   * kept: it is in GET /api/v1/alerts and in every stored alert.)
   */
  notifications: number;
  /**
   * What became of this episode's notifications, per notifier: delivered,
   * pending, given up, not routed. Absent until the episode raised one (a
   * pending alert, or one stored before this field existed).
   */
  delivery?: AlertDelivery;
  /** For alerts raised by an event: how sure the cause is, and the broker's own words where its log gave them. */
  evidence?: AlertEvidence;
}

export interface AlertEvidence {
  certainty: Certainty;
  /** The broker's log line, verbatim. Untrusted. */
  brokerSaid: string | null;
}

/**
 * Why a notification was not handed to a notifier: the alert is below its
 * `minSeverity`, its rule is not in the notifier's `rules`, or the rule's own
 * `notifiers` list (alerts.rules.<rule>.notifiers) leaves it out.
 */
export type SkipReason = 'below-min-severity' | 'not-in-notifier-rules' | 'not-in-rule-notifiers';

/**
 * One notifier's part in one alert episode, counted from what happened: the
 * routing decision when a notification was raised, then each delivery's
 * outcome as the outbox reported it. Sent with every change of the alert, so
 * zeros and nulls are left out. Still pending = queued − delivered − failed.
 */
export interface NotifierTally {
  notifierId: string;
  /** Written to the outbox for this notifier. */
  queued?: number;
  /** Answered 2xx by the receiver. */
  delivered?: number;
  /** Given up on: refused (most 4xx), or still failing at delivery.giveUpAfterMs. */
  failed?: number;
  /** Why the latest failed one was given up. */
  lastFailure?: string;
  /** The error of the attempt that failed last while a retry is still to come; gone once it settles. */
  retryError?: string;
  /** Notifications not handed to this notifier, and why the last one was not. */
  skipped?: number;
  skippedBecause?: SkipReason;
}

export interface AlertDelivery {
  /** One entry per notifier that was handed or skipped a notification of this episode. */
  notifiers: NotifierTally[];
  /** Firing and resolved notifications not raised because a silence covered the alert. */
  silenced?: number;
}

export interface Silence {
  id: string;
  /** Null = any rule / any target / any object. */
  rule: string | null;
  targetId: string | null;
  objectId: string | null;
  createdAt: number;
  until: number;
  comment: string;
}

export type NotifierKind = 'webhook' | 'slack' | 'teams' | 'discord' | 'pagerduty';

/** A notifier as the UI may see it: never its URL's secret parts or signing secret. */
export interface NotifierInfo {
  id: string;
  kind: NotifierKind;
  name: string;
  /** Host (and port, if not the default) of the destination only, e.g. `hooks.slack.com`. */
  destination: string;
  minSeverity: Severity;
  /** Rules routed to it; null = all. */
  rules: string[] | null;
}

export type DeliveryKind = 'firing' | 'resolved' | 'reminder' | 'test';

export interface DeliveryStatus {
  id: string;
  notifierId: string;
  alertId: string | null;
  kind: DeliveryKind;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: number;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  lastError: string | null;
}

/**
 * Parts of the stream a browser may leave out while its page does not show
 * them. It says which it wants in the handshake (`StreamAuth.interest`) and
 * again with `interest` when its page changes; what it leaves out is not
 * sent. Queue rows are most of what an idle broker costs on the wire: the
 * broker recomputes consumer utilisation for many queues at once (1,496 of
 * 2,000 in one poll, BENCHMARKS.md), and only the queues page shows them.
 * A client that says nothing gets everything.
 */
export interface StreamInterest {
  queues: boolean;
}

/**
 * socket.io handshake `auth` (every field optional). A viewer token is not
 * here but in the socket.io URL (`?token=`): engine.io's handshake, which
 * checks credentials, runs before `auth` is sent.
 */
export interface StreamAuth {
  interest?: StreamInterest;
}

/**
 * The answer to an `interest` that adds queues: every target's queue rows as
 * of delta `seq`. Deltas after `seq` carry queue changes again.
 */
export interface QueuesPart {
  seq: number;
  /** Target id → its queues. */
  queues: Record<string, QueueHealth[]>;
}

/** The alerting side of the picture: part of every snapshot, kept by the browser's view. */
export interface AlertingPart {
  /** Pending and firing alerts, and those resolved within RESOLVED_ALERT_WINDOW_MS (server/shared/alert-lists.ts). */
  alerts: Alert[];
  silences: Silence[];
  notifiers: NotifierInfo[];
  /** Recent deliveries, newest first, failures kept longest (keepRecentDeliveries). */
  deliveries: DeliveryStatus[];
}

/** The whole picture, sent on connect and whenever a client asks for it. */
export interface Snapshot extends AlertingPart {
  seq: number;
  serverTime: number;
  /**
   * What this snapshot, and the deltas after it, carry. With `queues: false`
   * every target's `queues` is empty and deltas carry no queue changes.
   */
  interest: StreamInterest;
  targets: TargetState[];
  /** Per-target overview chart history, oldest first. */
  series: Record<string, TargetSample[]>;
  /** Recent events, newest first. */
  events: PulseEvent[];
  /** Per-target probe chart history, oldest first. */
  probeSeries: Record<string, ProbeSample[]>;
  selfHealth: SelfHealth | null;
}

/** What changed in one target since the previous delta. */
/**
 * A set of connection handles in whichever of two forms is shorter: the sorted
 * handles as first-then-gaps (short numbers in JSON; best when few), or a
 * bitmap from the smallest handle, base64 (best when many: a burst of
 * heartbeats from clients that all connected at once names a quarter of a
 * 5,000-connection fleet in one poll, 2.5 KB as gaps and 0.9 KB as bits).
 */
export type HandleSet = { gaps: number[] } | { from: number; bits: string };

export interface TargetDelta {
  targetId: string;
  /**
   * The parts of the summary that changed, each whole (merge over the current
   * one). A good poll always changes `status` and `observedAt`.
   */
  summary?: Partial<TargetSummary>;
  upsertConnections: ConnectionHealth[];
  removeConnections: string[];
  upsertQueues: QueueHealth[];
  removeQueues: string[];
  /** The overview chart point taken at this poll, if it was good. */
  sample?: TargetSample;
  /**
   * The parts of the probe's state that changed, each whole: merge over the
   * current one. A probe's first report is whole. Its heartbeat timing moves
   * every second, its outage and large-message history rarely, so sending it
   * whole cost about 1.2 KB a second per browser (BENCHMARKS.md).
   */
  probe?: Partial<ProbeState>;
  /** New probe chart points, oldest first. */
  probeSamples?: ProbeSample[];
  /**
   * Connections, not otherwise in this delta, whose inbound byte counter moved
   * at this poll: their `recvChangedAt` becomes `summary.observedAt` and
   * `silenceSinceFirstSeen` false. Named by handle, in the shorter of two
   * encodings (decode with `decodeHandles` in server/stream/liveness.ts).
   * This is most of what an idle fleet costs on the wire: every heartbeat a
   * client sends moves its counter, and re-sending whole rows for it cost
   * about 1 KB per connection (BENCHMARKS.md).
   */
  recvMoved?: HandleSet;
}

export interface Delta {
  /** Exactly previous seq + 1; anything else means the client missed one. */
  seq: number;
  serverTime: number;
  targets: TargetDelta[];
  /** Events that happened since the previous delta, newest first. */
  events: PulseEvent[];
  selfHealth?: SelfHealth;
  /** Alerts that changed, whole. */
  alerts?: Alert[];
  /** Pending alerts that cleared before firing: forget them. */
  removeAlerts?: string[];
  /** Present when silences changed: the whole list (it is short). */
  silences?: Silence[];
  deliveries?: DeliveryStatus[];
}

/**
 * A connection's byte and message rates at the latest poll. They move on
 * every heartbeat, so they are not in the streamed rows (which would then
 * change on every poll for every connection); the connection page asks for
 * them once per poll.
 */
export interface ConnectionTraffic {
  observedAt: number;
  recvRate: number | null;
  sendRate: number | null;
  /** Per channel id. */
  channels: Record<string, { ackRate: number | null; deliverRate: number | null }>;
}

export interface ConnectionTrafficReply {
  ok: boolean;
  error?: string;
  traffic: ConnectionTraffic | null;
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
  queues: (part: QueuesPart) => void;
}

/** socket.io: browser → server. */
export interface ClientToServerEvents {
  /** Sent after a sequence gap; the server answers with a `snapshot` event. */
  'snapshot:request': (request: { reason: string }) => void;
  /** The page's parts of the stream changed; adding queues is answered with a `queues` event. */
  interest: (interest: StreamInterest) => void;
  'series:connection': (request: ConnectionSeriesRequest, reply: (r: ConnectionSeriesReply) => void) => void;
  'series:queue': (request: QueueSeriesRequest, reply: (r: QueueSeriesReply) => void) => void;
  'traffic:connection': (request: ConnectionSeriesRequest, reply: (r: ConnectionTrafficReply) => void) => void;
}

/** GET /api/v1/state */
export interface StateResponse {
  serverTime: number;
  targets: TargetState[];
}

/** GET /api/v1/events */
export interface EventsResponse {
  serverTime: number;
  /** The limit applied: the one asked for, at most EVENTS_LIMIT_MAX (1000). */
  limit: number;
  events: PulseEvent[];
}

/** GET /api/v1/targets/{id}/history?range=… */
export interface HistoryResponse {
  range: string;
  /** `raw`: one point per poll; `1m`: one-minute rollups (maxima for connections and unacked, averages otherwise). */
  resolution: 'raw' | '1m';
  samples: TargetSample[];
}

/** GET /healthz */
export interface HealthResponse {
  ok: true;
  uptimeSec: number;
  version: string;
  /** Only for a signed-in caller (or with a token): target names say something about the infrastructure. */
  targets?: Array<{ id: string; status: TargetStatusKind }>;
  /** Only for a signed-in caller: whether the history is being kept (its message names the database file). */
  history?: HistoryHealth;
}

/** Who a request or socket acts as. `api` is a script with RABBITPULSE_API_TOKEN; `none` is refused everywhere but sign-in. */
export type Role = 'admin' | 'viewer' | 'api' | 'none';

/** `none`: no sign-in at all (allowed only on a loopback address; the UI says so). */
export type AuthMode = 'password' | 'none';

/** GET /api/v1/session */
export interface SessionResponse {
  role: Role;
  authMode: AuthMode;
}

/** A viewer token as it may be listed: never the token itself. */
export interface ViewerTokenInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** GET /api/v1/viewer-tokens */
export interface ViewerTokensResponse {
  tokens: ViewerTokenInfo[];
}

/** POST /api/v1/viewer-tokens: the only time the token itself is ever shown. */
export interface ViewerTokenCreated {
  token: ViewerTokenInfo;
  secret: string;
  /** Path (with the token) that opens the wall on a TV: `/wall?token=…`. */
  wallPath: string;
}
