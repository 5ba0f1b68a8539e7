import type { EndpointName } from './endpoints';
import type { RawChannel, RawConnection, RawConsumer, RawNode, RawOverview, RawQueue } from './types';

/**
 * Turns the management API's JSON into the typed rows of types.ts. Pure and
 * forgiving field by field (a missing number becomes null, never 0), strict
 * about the overall shape: a list endpoint that does not return a list means
 * the thing answering is not the management API we expect.
 */

export class ShapeError extends Error {
  override name = 'ShapeError';
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean => v === true;
const at = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((cur, k) => (isObj(cur) ? cur[k] : undefined), o);
const rate = (o: unknown, ...keys: string[]): number | null => num(at(o, ...keys, 'rate'));
/** A timeout in ms as the broker takes it: a whole number, 0 or more. A string such as "20000" the broker ignores, and so do we. */
const millis = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
};

function list(endpoint: EndpointName, body: unknown): Obj[] {
  // A paginated reply wraps the list in `items`; accept both so paging can be turned on later.
  const items = isObj(body) && Array.isArray(body.items) ? body.items : body;
  if (!Array.isArray(items)) throw new ShapeError(`/api/${endpoint} returned ${describe(body)} where a list was expected`);
  return items.filter(isObj);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export function normalizeOverview(body: unknown): RawOverview {
  if (!isObj(body)) throw new ShapeError(`/api/overview returned ${describe(body)} where an object was expected`);
  return {
    clusterName: str(body.cluster_name),
    rabbitmqVersion: str(body.rabbitmq_version),
    erlangVersion: str(body.erlang_version),
    managementVersion: str(body.management_version),
    publishRate: rate(body, 'message_stats', 'publish_details'),
    deliverRate: rate(body, 'message_stats', 'deliver_get_details'),
    ackRate: rate(body, 'message_stats', 'ack_details'),
  };
}

export function normalizeNodes(body: unknown): RawNode[] {
  return list('nodes', body).map((n) => ({
    name: str(n.name) ?? 'unknown',
    running: n.running !== false,
    memUsed: num(n.mem_used),
    memLimit: num(n.mem_limit),
    memAlarm: bool(n.mem_alarm),
    diskFree: num(n.disk_free),
    diskFreeLimit: num(n.disk_free_limit),
    diskAlarm: bool(n.disk_free_alarm),
    fdUsed: num(n.fd_used),
    fdTotal: num(n.fd_total),
    socketsUsed: num(n.sockets_used),
    socketsTotal: num(n.sockets_total),
    procUsed: num(n.proc_used),
    procTotal: num(n.proc_total),
    uptimeMs: num(n.uptime),
  }));
}

/** The live-connections list (LIVE_CONNECTIONS_PATH); null if it is not a list of named objects. */
export function normalizeLiveConnectionNames(body: unknown): string[] | null {
  if (!Array.isArray(body)) return null;
  const names: string[] = [];
  for (const c of body) {
    const name = isObj(c) ? str(c.name) : null;
    if (!name) return null;
    names.push(name);
  }
  return names;
}

export function normalizeConnections(body: unknown): RawConnection[] {
  const out: RawConnection[] = [];
  for (const c of list('connections', body)) {
    const name = str(c.name);
    if (!name) continue; // a connection without a name cannot be tracked across polls
    const props = c.client_properties;
    out.push({
      name,
      providedName: str(c.user_provided_name) ?? str(at(props, 'connection_name')),
      peerHost: str(c.peer_host),
      peerPort: num(c.peer_port),
      clientProduct: str(at(props, 'product')),
      // py-amqp (Celery's and Kombu's client) sends its version as `product_version`, never `version`.
      clientVersion: str(at(props, 'version')) ?? str(at(props, 'product_version')),
      platform: str(at(props, 'platform')),
      user: str(c.user) ?? '',
      vhost: str(c.vhost) ?? '',
      node: str(c.node),
      protocol: str(c.protocol),
      connectedAt: num(c.connected_at),
      timeout: num(c.timeout),
      state: str(c.state),
      sendPend: num(c.send_pend),
      recvOct: num(c.recv_oct),
      recvRate: rate(c, 'recv_oct_details'),
      sendRate: rate(c, 'send_oct_details'),
      frameMax: num(c.frame_max),
      channels: num(c.channels),
    });
  }
  return out;
}

export function normalizeChannels(body: unknown): RawChannel[] {
  const out: RawChannel[] = [];
  for (const c of list('channels', body)) {
    const name = str(c.name);
    const connectionName = str(at(c, 'connection_details', 'name'));
    if (!name || !connectionName) continue;
    out.push({
      name,
      connectionName,
      number: num(c.number) ?? 0,
      prefetch: num(c.prefetch_count) ?? 0,
      globalPrefetch: num(c.global_prefetch_count) ?? 0,
      unacked: num(c.messages_unacknowledged) ?? 0,
      unconfirmed: num(c.messages_unconfirmed) ?? 0,
      confirm: bool(c.confirm),
      consumerCount: num(c.consumer_count) ?? 0,
      state: str(c.state),
      ackRate: rate(c, 'message_stats', 'ack_details'),
      deliverRate: rate(c, 'message_stats', 'deliver_get_details'),
      acks: num(at(c, 'message_stats', 'ack')),
    });
  }
  return out;
}

export function normalizeConsumers(body: unknown): RawConsumer[] {
  const out: RawConsumer[] = [];
  for (const c of list('consumers', body)) {
    const channelName = str(at(c, 'channel_details', 'name'));
    if (!channelName) continue;
    out.push({
      tag: str(c.consumer_tag) ?? '',
      channelName,
      queue: str(at(c, 'queue', 'name')) ?? '',
      vhost: str(at(c, 'queue', 'vhost')) ?? '',
      ackRequired: bool(c.ack_required),
      prefetch: num(c.prefetch_count) ?? 0,
      exclusive: bool(c.exclusive),
      active: c.active !== false,
    });
  }
  return out;
}

export function normalizeQueues(body: unknown): RawQueue[] {
  const out: RawQueue[] = [];
  for (const q of list('queues', body)) {
    const name = str(q.name);
    if (name === null) continue;
    out.push({
      vhost: str(q.vhost) ?? '',
      name,
      type: str(q.type),
      state: str(q.state),
      node: str(q.node),
      durable: bool(q.durable),
      autoDelete: bool(q.auto_delete),
      exclusive: bool(q.exclusive),
      ready: num(q.messages_ready) ?? 0,
      unacked: num(q.messages_unacknowledged) ?? 0,
      messages: num(q.messages) ?? 0,
      persistent: num(q.messages_persistent),
      consumers: num(q.consumers) ?? 0,
      consumerUtilisation: num(q.consumer_utilisation),
      publishRate: rate(q, 'message_stats', 'publish_details'),
      deliverRate: rate(q, 'message_stats', 'deliver_get_details'),
      ackRate: rate(q, 'message_stats', 'ack_details'),
      redeliverRate: rate(q, 'message_stats', 'redeliver_details'),
      timeoutArgumentMs: millis(at(q, 'arguments', 'x-consumer-timeout')),
      timeoutPolicyMs: millis(at(q, 'effective_policy_definition', 'consumer-timeout')),
    });
  }
  return out;
}
