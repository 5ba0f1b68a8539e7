/**
 * The six endpoints a poll reads, each trimmed with `columns=` to what
 * normalize.ts uses. Untrimmed, /api/channels is ~9 MB at 10,000 channels;
 * trimmed it is a fraction of that (see DESIGN.md). Nested names such as
 * `queue.vhost` are honoured by the broker. Not paginated: paging makes the
 * broker re-sort the whole set for every page (~20× slower at 5,000 connections).
 */
export const ENDPOINTS = {
  overview: ['cluster_name', 'rabbitmq_version', 'erlang_version', 'management_version', 'message_stats'],
  nodes: [
    'name', 'running', 'mem_used', 'mem_limit', 'mem_alarm', 'disk_free', 'disk_free_limit', 'disk_free_alarm',
    'fd_used', 'fd_total', 'sockets_used', 'sockets_total', 'proc_used', 'proc_total', 'uptime',
  ],
  connections: [
    'name', 'user_provided_name', 'peer_host', 'peer_port', 'client_properties', 'user', 'vhost', 'node', 'protocol',
    'connected_at', 'timeout', 'state', 'send_pend', 'recv_oct', 'recv_oct_details.rate', 'send_oct_details.rate',
    'frame_max', 'channels',
  ],
  channels: [
    'name', 'connection_details.name', 'number', 'prefetch_count', 'global_prefetch_count', 'messages_unacknowledged',
    'messages_unconfirmed', 'confirm', 'consumer_count', 'state', 'message_stats.ack', 'message_stats.ack_details.rate',
    'message_stats.deliver_get_details.rate',
  ],
  consumers: ['consumer_tag', 'channel_details.name', 'queue.name', 'queue.vhost', 'ack_required', 'prefetch_count', 'exclusive', 'active'],
  queues: [
    'vhost', 'name', 'type', 'state', 'node', 'durable', 'auto_delete', 'exclusive', 'messages_ready',
    'messages_unacknowledged', 'messages', 'messages_persistent', 'consumers', 'consumer_utilisation',
    'message_stats.publish_details.rate', 'message_stats.deliver_get_details.rate', 'message_stats.ack_details.rate',
    'message_stats.redeliver_details.rate',
    // Only the consumer timeout's key of each: a queue's arguments and policy may hold much else.
    'arguments.x-consumer-timeout', 'effective_policy_definition.consumer-timeout',
  ],
} as const satisfies Record<string, readonly string[]>;

export type EndpointName = keyof typeof ENDPOINTS;

export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];

/**
 * The connections that exist right now, by name. `disable_stats=true` makes
 * the broker answer from its connection-tracking table instead of the
 * statistics database, and skips the query cache (rabbit_mgmt_db_cache) the
 * stats list above comes from: that cache keeps the whole list for
 * db_cache_multiplier (default 5) × the time the query took, 5–10 s at 5,000
 * connections, so a closed connection stays listed that long (measured in
 * BENCHMARKS.md). Fetched last in a poll, after the stats lists, and used to
 * drop what they still list but is gone: closes are then seen at the poll
 * after they happen, not a cache lifetime later.
 */
export const LIVE_CONNECTIONS_PATH = '/api/connections?disable_stats=true&columns=name';

export function endpointPath(name: EndpointName): string {
  return `/api/${name}?columns=${ENDPOINTS[name].join(',')}`;
}
