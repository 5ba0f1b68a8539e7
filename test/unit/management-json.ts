/**
 * Management API JSON as RabbitMQ 3.10.8 returns it (trimmed to the fields
 * rabbitpulse asks for), to feed normalize.ts.
 */
export const connectionJson = () => ({
  name: '127.0.0.1:47036 -> 127.0.0.1:5672',
  user_provided_name: 'peek-me',
  peer_host: '127.0.0.1',
  peer_port: 47036,
  client_properties: { connection_name: 'peek-me', product: 'amqplib', version: '2.3.1', platform: 'Node.JS v20.20.2' },
  user: 'guest',
  vhost: '/',
  node: 'rabbit@localhost',
  protocol: 'AMQP 0-9-1',
  connected_at: 1795287302671,
  timeout: 7,
  state: 'running',
  send_pend: 0,
  recv_oct: 395,
  recv_oct_details: { rate: 0 },
  send_oct_details: { rate: 0 },
  frame_max: 131072,
  channels: 1,
});

export const channelJson = () => ({
  name: '127.0.0.1:47036 -> 127.0.0.1:5672 (1)',
  connection_details: { name: '127.0.0.1:47036 -> 127.0.0.1:5672' },
  number: 1,
  prefetch_count: 3,
  global_prefetch_count: 0,
  messages_unacknowledged: 3,
  messages_unconfirmed: 0,
  confirm: false,
  consumer_count: 1,
  state: 'running',
  message_stats: { ack: 0, ack_details: { rate: 0 }, deliver_get_details: { rate: 0 } },
});

export const consumerJson = () => ({
  consumer_tag: 'amq.ctag-x',
  channel_details: { name: '127.0.0.1:47036 -> 127.0.0.1:5672 (1)' },
  queue: { name: 'peek-q', vhost: '/' },
  ack_required: true,
  prefetch_count: 3,
  exclusive: false,
  active: true,
});

export const queueJson = () => ({
  vhost: '/',
  name: 'peek-q',
  type: 'classic',
  state: 'running',
  node: 'rabbit@localhost',
  durable: false,
  auto_delete: false,
  exclusive: false,
  messages_ready: 2,
  messages_unacknowledged: 3,
  messages: 5,
  messages_persistent: 0,
  consumers: 1,
  consumer_utilisation: 0.48,
  message_stats: {
    publish_details: { rate: 1.0 },
    deliver_get_details: { rate: 0.6 },
    ack_details: { rate: 0 },
    redeliver_details: { rate: 0 },
  },
  // What `columns=arguments.x-consumer-timeout,effective_policy_definition.consumer-timeout` gives for a queue with neither.
  arguments: {},
  effective_policy_definition: {},
});

export const overviewJson = () => ({
  cluster_name: 'rabbit@localhost',
  rabbitmq_version: '3.10.8',
  erlang_version: '25.2.3',
  management_version: '3.10.8',
  message_stats: { publish_details: { rate: 1.5 }, deliver_get_details: { rate: 0.5 }, ack_details: { rate: 0.25 } },
});

export const nodeJson = () => ({
  name: 'rabbit@localhost',
  running: true,
  mem_used: 120_000_000,
  mem_limit: 1_600_000_000,
  mem_alarm: false,
  disk_free: 10_000_000_000,
  disk_free_limit: 50_000_000,
  disk_free_alarm: false,
  fd_used: 40,
  fd_total: 1024,
  sockets_used: 2,
  sockets_total: 829,
  proc_used: 400,
  proc_total: 1_048_576,
  uptime: 3_600_000,
});

export const without = <T extends object>(o: T, ...keys: Array<keyof T>): Partial<T> => {
  const copy = { ...o };
  for (const k of keys) delete copy[k];
  return copy;
};
