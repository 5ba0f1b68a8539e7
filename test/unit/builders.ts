import { connectionId } from '../../server/shared/object-id';
/**
 * Builders for the typed rows the analysis and state modules consume. Each
 * returns a realistic default (taken from RabbitMQ 3.10.8's management API)
 * with overrides applied, so a test states only the fields it is about.
 */
import type {
  Alert,
  ChannelHealth,
  ConnectionHealth,
  ConsumerHealth,
  LargeMessageResult,
  ProbeSample,
  ProbeState,
  PulseEvent,
  QueueHealth,
  Snapshot,
  TargetSample,
  TargetState,
  TargetSummary,
} from '../../server/contract';
import type { ObservedClose } from '../../server/analysis/close-order';
import type { BrokerEvent } from '../../server/sources/events/broker-event';
import type { ClosedConnection } from '../../server/analysis/closures';
import type { TargetConfig } from '../../server/config/schema';
import type { FetchOutcome } from '../../server/sources/management/fetcher';
import type { PollFailure } from '../../server/sources/management/http';
import type {
  RawChannel,
  RawConnection,
  RawConsumer,
  RawNode,
  RawOverview,
  RawPoll,
  RawQueue,
} from '../../server/sources/management/types';

export const CONN_NAME = '127.0.0.1:47036 -> 127.0.0.1:5672';
/** When the builders' connection opened (`connected_at`). */
export const CONN_OPENED_AT = 1_795_287_302_671;
/** The id the store gives the builders' connection (name + open time). */
export const CONN_ID = connectionId(CONN_NAME, CONN_OPENED_AT);

export function rawConnection(overrides: Partial<RawConnection> = {}): RawConnection {
  return {
    name: CONN_NAME,
    providedName: 'peek-me',
    peerHost: '127.0.0.1',
    peerPort: 47036,
    clientProduct: 'amqplib',
    clientVersion: '2.3.1',
    platform: 'Node.JS v20.20.2',
    user: 'guest',
    vhost: '/',
    node: 'rabbit@localhost',
    protocol: 'AMQP 0-9-1',
    connectedAt: CONN_OPENED_AT,
    timeout: 7,
    state: 'running',
    sendPend: 0,
    recvOct: 395,
    recvRate: 0,
    sendRate: 0,
    frameMax: 131072,
    channels: 1,
    ...overrides,
  };
}

export function rawChannel(overrides: Partial<RawChannel> = {}): RawChannel {
  const connectionName = overrides.connectionName ?? CONN_NAME;
  const number = overrides.number ?? 1;
  return {
    name: `${connectionName} (${number})`,
    connectionName,
    number,
    prefetch: 3,
    globalPrefetch: 0,
    unacked: 3,
    unconfirmed: 0,
    confirm: false,
    consumerCount: 1,
    state: 'running',
    ackRate: 0,
    deliverRate: 0,
    acks: 0,
    ...overrides,
  };
}

export function rawConsumer(overrides: Partial<RawConsumer> = {}): RawConsumer {
  return {
    tag: 'amq.ctag-x',
    channelName: `${CONN_NAME} (1)`,
    queue: 'peek-q',
    vhost: '/',
    ackRequired: true,
    prefetch: 3,
    exclusive: false,
    active: true,
    ...overrides,
  };
}

export function rawQueue(overrides: Partial<RawQueue> = {}): RawQueue {
  return {
    vhost: '/',
    name: 'peek-q',
    type: 'classic',
    state: 'running',
    node: 'rabbit@localhost',
    durable: false,
    autoDelete: false,
    exclusive: false,
    ready: 2,
    unacked: 3,
    messages: 5,
    persistent: 0,
    consumers: 1,
    consumerUtilisation: 0.48,
    publishRate: 1,
    deliverRate: 0.6,
    ackRate: 0,
    redeliverRate: 0,
    timeoutArgumentMs: null,
    timeoutPolicyMs: null,
    ...overrides,
  };
}

export function rawOverview(overrides: Partial<RawOverview> = {}): RawOverview {
  return {
    clusterName: 'rabbit@localhost',
    rabbitmqVersion: '3.10.8',
    erlangVersion: '25.2.3',
    managementVersion: '3.10.8',
    publishRate: 1,
    deliverRate: 0.6,
    ackRate: 0,
    ...overrides,
  };
}

export function rawNode(overrides: Partial<RawNode> = {}): RawNode {
  return {
    name: 'rabbit@localhost',
    running: true,
    memUsed: 100_000_000,
    memLimit: 1_600_000_000,
    memAlarm: false,
    diskFree: 10_000_000_000,
    diskFreeLimit: 50_000_000,
    diskAlarm: false,
    fdUsed: 40,
    fdTotal: 1024,
    socketsUsed: 2,
    socketsTotal: 829,
    procUsed: 400,
    procTotal: 1_048_576,
    uptimeMs: 3_600_000,
    ...overrides,
  };
}

/** A poll that started at `startedAt` and took 40 ms; one connection, channel, consumer and queue by default. */
export function rawPoll(startedAt: number, overrides: Partial<RawPoll> = {}): RawPoll {
  return {
    startedAt,
    finishedAt: startedAt + 40,
    overview: rawOverview(),
    nodes: [rawNode()],
    connections: [rawConnection()],
    channels: [rawChannel()],
    consumers: [rawConsumer()],
    queues: [rawQueue()],
    liveConnectionNames: null,
    bytes: 4096,
    ...overrides,
  };
}

export const okOutcome = (poll: RawPoll): FetchOutcome => ({ ok: true, poll });
export const failedOutcome = (failure: PollFailure): FetchOutcome => ({ ok: false, failure });

export function targetConfig(overrides: Partial<TargetConfig> = {}): TargetConfig {
  return {
    id: 'local',
    name: 'localhost',
    amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
    managementUrl: 'http://127.0.0.1:15672',
    username: 'guest',
    password: 'guest',
    pollIntervalMs: 5000,
    requestTimeoutMs: 10_000,
    maxResponseBytes: 64 * 1024 ** 2,
    ...overrides,
  };
}

/** A derived connection as the server would send it. */
export function connectionHealth(overrides: Partial<ConnectionHealth> = {}): ConnectionHealth {
  return {
    id: CONN_NAME,
    handle: 1,
    brokerName: CONN_NAME,
    name: 'peek-me',
    providedName: 'peek-me',
    own: false,
    peer: '127.0.0.1:47036',
    client: 'amqplib 2.3.1',
    clientProduct: 'amqplib',
    clientVersion: '2.3.1',
    platform: 'Node.JS v20.20.2',
    user: 'guest',
    vhost: '/',
    node: 'rabbit@localhost',
    protocol: 'AMQP 0-9-1',
    connectedAt: CONN_OPENED_AT,
    heartbeatTimeoutSec: 7,
    silenceSec: 0,
    silenceSinceFirstSeen: true,
    heartbeatMarginSec: 7,
    recvChangedAt: 1_000_000,
    state: 'running',
    sendPend: 0,
    frameMax: 131072,
    channelCount: 1,
    unacked: 3,
    channels: [],
    knownDefects: [],
    ...overrides,
  };
}

/** A derived channel of the builders' connection: one manual-ack consumer, prefetch 3. */
export function channelHealth(overrides: Partial<ChannelHealth> = {}): ChannelHealth {
  const number = overrides.number ?? 1;
  return {
    id: `${CONN_NAME} (${number})`,
    number,
    prefetch: 3,
    globalPrefetch: 0,
    unacked: 3,
    unconfirmed: 0,
    confirmMode: false,
    consumerCount: 1,
    state: 'running',
    consumers: [consumerHealth()],
    unackedSince: null,
    unackedSinceFirstSeen: false,
    hasAcked: false,
    consumerTimeoutMs: 1_800_000,
    consumerTimeoutSource: 'config',
    ...overrides,
  };
}

export function consumerHealth(overrides: Partial<ConsumerHealth> = {}): ConsumerHealth {
  return { tag: 'amq.ctag-x', queue: 'peek-q', vhost: '/', ackRequired: true, prefetch: 3, exclusive: false, active: true, ...overrides };
}

export function queueHealth(overrides: Partial<QueueHealth> = {}): QueueHealth {
  const vhost = overrides.vhost ?? '/';
  const name = overrides.name ?? 'peek-q';
  return {
    id: `${vhost}/${name}`,
    vhost,
    name,
    type: 'classic',
    state: 'running',
    node: 'rabbit@localhost',
    durable: false,
    autoDelete: false,
    exclusive: false,
    ready: 2,
    unacked: 3,
    messages: 5,
    persistent: 0,
    consumers: 1,
    consumerUtilisation: 0.48,
    rates: { publish: 1, deliver: 0.6, ack: 0, redeliver: 0 },
    ...overrides,
  };
}

export function targetSummary(overrides: Partial<TargetSummary> = {}): TargetSummary {
  return {
    id: 'local',
    displayName: 'localhost',
    managementUrl: 'http://127.0.0.1:15672',
    status: {
      kind: 'ok',
      message: 'Polled.',
      lastGoodAt: 1_000_040,
      lastPollAt: 1_000_040,
      lastPollDurationMs: 40,
      consecutiveFailures: 0,
      nextPollAt: 1_005_000,
    },
    // What targetHealth says of this default (a good poll, no probe, no alerts); a test about health derives its own.
    health: { level: 'ok', word: 'ok', reasons: [] },
    overview: null,
    nodes: [],
    totals: null,
    observedAt: 1_000_000,
    ...overrides,
  };
}

export function targetState(overrides: Partial<TargetState> = {}): TargetState {
  return { ...targetSummary(), connections: [], queues: [], probe: null, ...overrides };
}

export function targetSample(at: number, overrides: Partial<TargetSample> = {}): TargetSample {
  return { at, connections: 1, channels: 1, ready: 2, unacked: 3, ...overrides };
}

export function pulseEvent(id: string, overrides: Partial<PulseEvent> = {}): PulseEvent {
  return {
    id,
    at: 1_000_000,
    targetId: 'local',
    kind: 'connection.closed',
    connection: 'peek-me',
    cause: 'unknown',
    certainty: 'unknown',
    source: 'poll',
    explanation: 'closed',
    lastKnown: null,
    ...overrides,
  };
}

export function closedConnection(overrides: Partial<ClosedConnection> = {}, lastKnown: Partial<ClosedConnection['lastKnown']> = {}): ClosedConnection {
  return {
    cause: 'heartbeat-suspected',
    certainty: 'likely',
    projectedSilenceSec: 12,
    ...overrides,
    lastKnown: {
      id: CONN_NAME,
      brokerName: CONN_NAME,
      name: 'peek-me',
      client: 'amqplib 2.3.1',
      user: 'guest',
      vhost: '/',
      heartbeatTimeoutSec: 7,
      silenceSec: 10,
      unacked: 3,
      channelCount: 1,
      lastSeenAt: 1_010_000,
      ...lastKnown,
    },
  };
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return { seq: 0, serverTime: 1_000_000, interest: { queues: true }, targets: [], series: {}, events: [], probeSeries: {}, selfHealth: null, alerts: [], silences: [], notifiers: [], deliveries: [], ...overrides };
}

/* ---- probes, broker events and observed closes ---- */

/** A probe that is up on a 10 s heartbeat, with empty statistics. */
export function probeState(overrides: Partial<ProbeState> = {}): ProbeState {
  return {
    targetId: 'local',
    connectionName: 'rabbitpulse-probe/local',
    state: 'up',
    since: 1_000_000,
    lastError: null,
    reconnectAttempts: 0,
    nextAttemptAt: null,
    heartbeat: {
      timeoutSec: 10,
      frameMax: 131072,
      expectedIntervalMs: 5000,
      lastInboundHeartbeatAt: null,
      lastOutboundHeartbeatAt: null,
      lastInboundAt: 1_000_000,
      inboundHeartbeats: 0,
      outboundHeartbeats: 0,
      intervalMeanMs: null,
      intervalJitterMs: null,
      intervalMaxMs: null,
      inboundGapMaxMs: null,
      silenceMs: 0,
      marginMs: 10_000,
    },
    roundTrip: {
      intervalMs: 1000,
      sent: 0,
      confirmed: 0,
      delivered: 0,
      lost: 0,
      lastConfirmMs: null,
      lastDeliverMs: null,
      confirmP50Ms: null,
      confirmP99Ms: null,
      deliverP50Ms: null,
      deliverP99Ms: null,
    },
    largeMessages: [],
    outages: [],
    eventExchange: { state: 'subscribed', message: 'Subscribed.' },
    brokerLog: { state: 'not-enabled', message: 'The log exchange is off.' },
    ...overrides,
  };
}

/** One alert on the builders' target: firing, critical, on a connection. */
export function alert(overrides: Partial<Alert> = {}): Alert {
  const targetId = overrides.targetId ?? 'local';
  const object = overrides.object ?? { kind: 'connection', id: 'x', label: 'x' };
  return {
    id: `${overrides.rule ?? 'r'}|${targetId}|${object.kind}:${object.id}`,
    rule: 'r',
    title: 'Something',
    severity: 'critical',
    state: 'firing',
    targetId,
    object,
    since: 1_000_000,
    firstSeenAt: 990_000,
    firedAt: 1_000_000,
    resolvedAt: null,
    value: '',
    explanation: '',
    acknowledgedAt: null,
    silencedUntil: null,
    notifications: 1,
    ...overrides,
  };
}

/** One large-message probe result: 1 MiB, delivered whole. */
export function largeMessageResult(overrides: Partial<LargeMessageResult> = {}): LargeMessageResult {
  return { sizeBytes: 1024 ** 2, label: '1 MiB', status: 'ok', at: 1_000_000, latencyMs: 40, throughputMBps: 25, message: 'Delivered whole in 40 ms.', limitBytes: null, ...overrides };
}

/** One probe chart point; integer milliseconds so Float32 storage gives them back exactly. */
export function probeSample(at: number, overrides: Partial<ProbeSample> = {}): ProbeSample {
  return { at, silenceMs: 200, marginMs: 9800, heartbeatIntervalMs: 5000, confirmP50Ms: 2, confirmP99Ms: 9, deliverP50Ms: 3, deliverP99Ms: 12, ...overrides };
}

/** Broker event exchange events, normalised (pids as the broker prints them). */
export const brokerEvents = {
  connCreated: (pid: string, at = 1_000_000, name = `${pid}-name`): BrokerEvent => ({ kind: 'connection.created', at, pid, name, providedName: null, client: 'amqplib 2.3.1' }),
  connClosed: (pid: string, at = 1_000_000, name = `${pid}-name`): BrokerEvent => ({ kind: 'connection.closed', at, pid, name, providedName: null, client: 'amqplib 2.3.1' }),
  chCreated: (pid: string, connectionPid: string, at = 1_000_000): BrokerEvent => ({ kind: 'channel.created', at, pid, connectionPid }),
  chClosed: (pid: string, at = 1_000_000): BrokerEvent => ({ kind: 'channel.closed', at, pid }),
  consumerDeleted: (channelPid: string, user: string, at = 1_000_000): BrokerEvent => ({ kind: 'consumer.deleted', at, channelPid, user }),
};

/** A close seen on the event exchange, of the builders' default connection. */
export function observedClose(overrides: Partial<ObservedClose> = {}): ObservedClose {
  return {
    at: 1_015_000,
    pid: '<rabbit@localhost.1700000000.4242.0>',
    name: CONN_NAME,
    createdAt: null,
    providedName: 'peek-me',
    client: 'amqplib 2.3.1',
    order: 'abrupt',
    evidence: 'The connection closed while 1 of its channels was still open.',
    ...overrides,
  };
}
