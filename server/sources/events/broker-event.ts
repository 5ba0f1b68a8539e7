/**
 * Events from the broker's event exchange (`amq.rabbitmq.event`), normalised.
 * The message body is empty; everything is in headers (DESIGN.md §2).
 */
export type BrokerEvent =
  | { kind: 'connection.created'; at: number; pid: string; name: string; providedName: string | null; client: string | null }
  | { kind: 'connection.closed'; at: number; pid: string; name: string; providedName: string | null; client: string | null }
  | { kind: 'channel.created'; at: number; pid: string; connectionPid: string }
  | { kind: 'channel.closed'; at: number; pid: string }
  /** `user` is who removed it: the connection's user for a basic.cancel, `rmq-internal` when the broker did. */
  | { kind: 'consumer.deleted'; at: number; channelPid: string; user: string | null }
  | { kind: 'auth.failure'; at: number; user: string; peer: string | null; error: string | null }
  | { kind: 'alarm'; at: number; set: boolean; node: string | null; resource: string | null };

type Headers = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString() : v === undefined || v === null ? null : String(v));

/**
 * `client_properties` arrives as Erlang terms in strings, e.g.
 * `{<<"product">>,longstr,<<"amqplib">>}`; pull out product and version.
 */
export function clientFromErlangTerms(raw: unknown): string | null {
  const items = Array.isArray(raw) ? raw.map(text).join(' ') : text(raw) ?? '';
  const field = (name: string) => new RegExp(`<<"${name}">>,longstr,<<"([^"]*)">>`).exec(items)?.[1] ?? null;
  const product = field('product');
  if (!product) return null;
  const version = field('version');
  return version ? `${product} ${version}` : product;
}

/** Normalises one event; returns null for kinds rabbitpulse does not use. */
export function parseBrokerEvent(routingKey: string, headers: Headers, fallbackAt: number): BrokerEvent | null {
  const at = typeof headers.timestamp_in_ms === 'number' ? headers.timestamp_in_ms : fallbackAt;
  switch (routingKey) {
    case 'connection.created':
    case 'connection.closed': {
      const pid = text(headers.pid);
      const name = text(headers.name);
      if (!pid || !name) return null;
      return { kind: routingKey, at, pid, name, providedName: text(headers.user_provided_name), client: clientFromErlangTerms(headers.client_properties) };
    }
    case 'channel.created': {
      const pid = text(headers.pid);
      const connectionPid = text(headers.connection);
      return pid && connectionPid ? { kind: 'channel.created', at, pid, connectionPid } : null;
    }
    case 'channel.closed': {
      const pid = text(headers.pid);
      return pid ? { kind: 'channel.closed', at, pid } : null;
    }
    case 'consumer.deleted': {
      const channelPid = text(headers.channel);
      return channelPid ? { kind: 'consumer.deleted', at, channelPid, user: text(headers.user_who_performed_action) } : null;
    }
    case 'user.authentication.failure':
      return { kind: 'auth.failure', at, user: text(headers.name) ?? 'unknown', peer: text(headers.peer_host) ?? text(headers.connection_name), error: text(headers.error) };
    case 'alarm.set':
    case 'alarm.cleared':
      // rabbit_alarm names the alarm's kind (memory, disk) in `source`.
      return { kind: 'alarm', at, set: routingKey === 'alarm.set', node: text(headers.node), resource: text(headers.source) ?? text(headers.resource) };
    default:
      return null;
  }
}
