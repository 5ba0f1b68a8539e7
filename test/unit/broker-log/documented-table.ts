import { alarm, channelError, close, consumerTimeout, notice, type Expected } from './expected';

/** The node name the documented lines are parsed as coming from (they carry none). */
export const DOC_NODE = 'rabbit@docs';
const k = (pid: string) => `${DOC_NODE}/${pid}`;

/**
 * What each line in fixtures/documented.json says, read from the line (by id).
 * Lines quoted from RabbitMQ 3.13, 4.0, 4.1 and the current docs.
 */
export const documentedTable: Record<string, Expected[]> = {
  '4.0.5 consumer timeout warning': [
    consumerTimeout({ consumerTag: 'None62', channel: 1, queue: 'report-imports', vhost: '/', deliveryTag: 33, timeoutMs: 1_800_000, channelPidKey: k('3297244.0') }),
  ],
  '4.0.5 ack-timeout channel error': [
    channelError({
      pidKey: k('3297238.0'),
      channelPidKey: k('3297244.0'),
      brokerName: '10.250.6.59:47024 -> 10.250.2.71:5672',
      vhost: '/',
      user: 'optscale',
      channel: 1,
      exception: 'precondition_failed',
      errorKind: 'ack-timeout',
      reason: 'delivery acknowledgement on channel 1 timed out. Timeout value used: 1800000 ms. This timeout value can be configured, see consumers doc guide to learn more',
      timeoutMs: 1_800_000,
    }),
  ],
  '3.13 missed heartbeats': [
    close('error', { pidKey: k('2750204.0'), brokerName: '172.20.0.43:51702 -> 172.20.0.9:5672', cause: 'missed-heartbeats', timeoutSec: 10, reason: 'missed heartbeats from client, timeout: 10s' }),
  ],
  '3.x shutdown force-close': [
    close('error', {
      pidKey: k('12484.0'),
      brokerName: 'IP_A:46734 -> IP_B:5672',
      vhost: '/',
      user: 'USER_REDACTED',
      cause: 'shutdown',
      reason: "broker forced connection closure with reason 'shutdown'",
      exception: 'connection_forced',
    }),
  ],
  '3.x not_found on basic.consume': [
    channelError({
      pidKey: k('23615.0'),
      channelPidKey: k('23624.0'),
      brokerName: 'IP_H:35674 -> IP_I:5672',
      vhost: '/',
      user: 'USER_REDACTED',
      channel: 1,
      operation: 'basic.consume',
      exception: 'not_found',
      errorKind: 'not-found',
      reason: "no queue 'push_UUID_A' in vhost '/'",
    }),
  ],
  '3.x file descriptor alarm (first line)': [alarm('file_descriptor_limit', true)],
  'before 3.13 consumer timeout warning': [consumerTimeout({ channel: 1, deliveryTag: 1, timeoutMs: 3000, channelPidKey: k('690.0') })],
  '4.1 HTTP on the AMQP port': [
    close('error', {
      pidKey: k('954.0'),
      brokerName: '[::1]:49402 -> [::1]:5672',
      cause: 'frame-error',
      reason: 'HTTP GET request detected on AMQP port. Ensure the client is connecting to the correct port.',
    }),
  ],
  '4.1 TLS on the AMQP port': [
    close('error', {
      pidKey: k('946.0'),
      brokerName: '[::1]:49321 -> [::1]:5672',
      cause: 'frame-error',
      reason: 'TLS client detected on non-TLS AMQP port. Ensure the client is connecting to the correct port.',
    }),
  ],
  '4.1 not the AMQP header': [
    close('error', { pidKey: k('946.0'), brokerName: '[::1]:49664 -> [::1]:5672', cause: 'frame-error', reason: 'client did not start with AMQP protocol header: <<"hello\\r\\n\\r">>' }),
  ],
  '4.0 JSON formatter, accepting': [notice('info')],
  'docs: consumer timeout (3.13+ wording)': [
    consumerTimeout({ consumerTag: 'consumer-tag-998754663370', channel: 1, queue: 'qq.1', vhost: '/', deliveryTag: 10, timeoutMs: 180_000 }),
  ],
  'docs: frame_error during the handshake': [
    close('error', {
      pidKey: k('2771.0'),
      brokerName: '10.8.121.164:45024 -> 10.8.121.141:5672',
      cause: 'frame-error',
      exception: 'frame_error',
      reason: [
        '{handshake_error,starting,0,',
        '                 {amqp_error,frame_error,',
        '                             "type 1, all octets = <<>>: {frame_too_large,6307,4088}",',
        '                             none}}',
      ].join('\n'),
    }),
  ],
  'docs: internal_error with a client-provided name': [
    close('error', {
      pidKey: k('1373.0'),
      brokerName: '127.0.0.1:55165 -> 127.0.0.1:5672',
      providedName: 'perf-test-consumer-0',
      vhost: '/',
      user: 'guest',
      cause: 'connection-error',
      exception: 'internal_error',
      reason: "failed to declare exchange 'direct' in vhost '/' because the operation timed out",
    }),
  ],
  'docs: login refused': [
    close('error', { pidKey: k('1613.0'), brokerName: '127.0.0.1:63839 -> 127.0.0.1:5672', cause: 'auth-refused', reason: "PLAIN login refused: user 'user2' - invalid credentials" }),
  ],
  'docs: close after a refused login': [close('info', { pidKey: k('1613.0'), brokerName: '127.0.0.1:63839 -> 127.0.0.1:5672', cause: 'clean' })],
  'docs: vhost access refused': [
    close('error', { pidKey: k('1594.0'), brokerName: '127.0.0.1:63793 -> 127.0.0.1:5672', user: 'user2', cause: 'access-refused', reason: "access to vhost '/' refused for user 'user2'" }),
  ],
  // The broker writes vhost 'none' when the connection never got one; kept as written.
  'docs: close after a refused vhost': [
    close('info', { pidKey: k('1594.0'), brokerName: '127.0.0.1:63793 -> 127.0.0.1:5672', vhost: 'none', user: 'user2', cause: 'clean' }),
  ],
  'docs: queue access refused': [
    channelError({
      pidKey: k('1618.0'),
      channelPidKey: k('1627.0'),
      brokerName: '127.0.0.1:63881 -> 127.0.0.1:5672',
      vhost: 'gw1',
      user: 'user2',
      channel: 1,
      operation: 'queue.declare',
      exception: 'access_refused',
      errorKind: 'access-refused',
      reason: "access to queue 'user3.q1' in vhost 'gw1' refused for user 'user2'",
    }),
  ],
  'docs: channel_max reached': [
    close('error', {
      pidKey: k('887.0'),
      brokerName: '127.0.0.1:49956 -> 127.0.0.1:5672',
      vhost: '/',
      user: 'guest',
      cause: 'connection-error',
      exception: 'not_allowed',
      reason: 'number of channels opened (22) has reached the negotiated channel_max (22)',
    }),
  ],
  // The reason ends in ")", which a clean close's label does too: the level (error) tells them apart.
  'docs: channel_max negotiation failed': [
    close('error', {
      pidKey: k('882.0'),
      brokerName: '127.0.0.1:49911 -> 127.0.0.1:5672',
      cause: 'connection-error',
      reason: 'failed to negotiate connection parameters: negotiated channel_max = 2047 is higher than the maximum allowed value (32)',
    }),
  ],
  'docs: clean close': [close('info', { pidKey: k('634.0'), brokerName: '127.0.0.1:58588 -> 127.0.0.1:5672', vhost: '/', user: 'guest', cause: 'clean' })],
  'docs: abrupt close': [
    close('warning', {
      pidKey: k('646.0'),
      brokerName: '127.0.0.1:58667 -> 127.0.0.1:5672',
      vhost: '/',
      user: 'guest',
      cause: 'client-closed-tcp',
      reason: 'client unexpectedly closed TCP connection',
    }),
  ],
};
