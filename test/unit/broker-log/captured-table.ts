import { alarm, channelError, close, consumerTimeout, notice, type Expected } from './expected';

/**
 * What each message in fixtures/rabbitmq-3.10.8.json says, by its index there,
 * read from the captured line. `shows` is a piece of the body, so a refreshed
 * capture that moves the messages fails here instead of comparing the wrong rows.
 *
 * Captured on RabbitMQ 3.10.8, node pulse-test-68a15edb@localhost, AMQP port 37999.
 */
export interface CapturedRow {
  shows: string;
  expect: Expected[];
}

const NODE = 'pulse-test-68a15edb@localhost';
const k = (pid: string) => `${NODE}/${pid}`;
const name = (clientPort: number) => `127.0.0.1:${clientPort} -> 127.0.0.1:37999`;
const GUEST = { vhost: '/', user: 'guest' } as const;

const ARROWS = 'report - builder -> v2 (eu)';
const QUOTES = `billing "consumer" it's`;
const TRAILER = "fake, vhost: 'evil', user: 'root')";
const NEWLINE = 'line one\nline two';
const NON_ASCII = 'café-вход-消费者 ✓';
const SHUTDOWN = "broker forced connection closure with reason 'shutdown'";

/** A line that is about something else than a closed connection or channel: a notice at its level. */
const n = (level: Parameters<typeof notice>[0], shows: string): CapturedRow => ({ shows, expect: [notice(level)] });
const row = (shows: string, ...expect: Expected[]): CapturedRow => ({ shows, expect });

export const capturedTable: Record<number, CapturedRow> = {
  // clean closes, one per hostile name: accepting, provided name, authenticated, closing
  0: n('info', 'accepting AMQP connection <0.850.0>'),
  1: n('info', 'has a client-provided name: clean-closer'),
  2: n('info', "clean-closer): user 'guest' authenticated"),
  3: row('closing AMQP connection <0.850.0>', close('info', { pidKey: k('850.0'), brokerName: name(41696), providedName: 'clean-closer', ...GUEST, cause: 'clean' })),
  4: n('info', 'accepting AMQP connection <0.867.0>'),
  5: n('info', 'has a client-provided name: billing'),
  6: n('info', `${QUOTES}): user 'guest' authenticated`),
  7: row('closing AMQP connection <0.867.0>', close('info', { pidKey: k('867.0'), brokerName: name(41706), providedName: QUOTES, ...GUEST, cause: 'clean' })),
  8: n('info', 'accepting AMQP connection <0.884.0>'),
  9: n('info', `has a client-provided name: ${ARROWS}`),
  10: n('info', `${ARROWS}): user 'guest' authenticated`),
  11: row('closing AMQP connection <0.884.0>', close('info', { pidKey: k('884.0'), brokerName: name(41718), providedName: ARROWS, ...GUEST, cause: 'clean' })),
  12: n('info', 'accepting AMQP connection <0.901.0>'),
  13: n('info', `has a client-provided name: ${TRAILER}`),
  14: n('info', `${TRAILER}): user 'guest' authenticated`),
  15: row('closing AMQP connection <0.901.0>', close('info', { pidKey: k('901.0'), brokerName: name(41726), providedName: TRAILER, ...GUEST, cause: 'clean' })),
  16: n('info', 'accepting AMQP connection <0.918.0>'),
  17: n('info', 'has a client-provided name: line one\n'),
  18: n('info', "line two): user 'guest' authenticated"),
  19: row('closing AMQP connection <0.918.0>', close('info', { pidKey: k('918.0'), brokerName: name(41738), providedName: NEWLINE, ...GUEST, cause: 'clean' })),
  20: n('info', 'accepting AMQP connection <0.935.0>'),
  21: n('info', `has a client-provided name: ${NON_ASCII}`),
  22: n('info', `${NON_ASCII}): user 'guest' authenticated`),
  23: row('closing AMQP connection <0.935.0>', close('info', { pidKey: k('935.0'), brokerName: name(41744), providedName: NON_ASCII, ...GUEST, cause: 'clean' })),

  // missed heartbeats: heartbeat 2 s, the client's event loop blocked
  24: n('info', 'accepting AMQP connection <0.952.0>'),
  25: n('info', `<0.952.0> (${name(52316)}) has a client-provided name`),
  26: n('info', `<0.952.0> (${name(52316)} - ${ARROWS}): user 'guest' authenticated`),
  27: row(
    'missed heartbeats from client, timeout: 2s',
    close('error', {
      pidKey: k('952.0'),
      brokerName: name(52316),
      providedName: ARROWS,
      cause: 'missed-heartbeats',
      timeoutSec: 2,
      reason: 'missed heartbeats from client, timeout: 2s',
    }),
  ),

  // client process SIGKILLed
  28: n('info', 'accepting AMQP connection <0.975.0>'),
  29: n('info', `<0.975.0> (${name(50740)}) has a client-provided name`),
  30: n('info', `<0.975.0> (${name(50740)} - ${QUOTES}): user 'guest' authenticated`),
  31: row(
    'client unexpectedly closed TCP connection',
    close('warning', {
      pidKey: k('975.0'),
      brokerName: name(50740),
      providedName: QUOTES,
      ...GUEST,
      cause: 'client-closed-tcp',
      reason: 'client unexpectedly closed TCP connection',
    }),
  ),

  // management DELETE /api/connections/{name} with X-Reason: three lines about one close
  32: n('info', 'accepting AMQP connection <0.998.0>'),
  33: n('info', `<0.998.0> (${name(50742)}) has a client-provided name`),
  34: n('info', `<0.998.0> (${name(50742)} - ${NON_ASCII}): user 'guest' authenticated`),
  35: row(
    'connection_forced: "planned maintenance"',
    close('error', {
      pidKey: k('998.0'),
      brokerName: name(50742),
      providedName: NON_ASCII,
      ...GUEST,
      cause: 'forced',
      reason: 'planned maintenance',
      exception: 'connection_forced',
    }),
  ),
  36: row('Closing connection <0.998.0> because "planned maintenance"', close('info', { pidKey: k('998.0'), cause: 'forced', reason: 'planned maintenance' })),
  // The connection's own closing line after a forced close looks like a clean one: only the lines before tell.
  37: row('closing AMQP connection <0.998.0>', close('info', { pidKey: k('998.0'), brokerName: name(50742), providedName: NON_ASCII, ...GUEST, cause: 'clean' })),

  // wrong password: the refusal names no provided name yet, the closing line does
  38: n('info', 'accepting AMQP connection <0.1039.0>'),
  39: n('info', 'has a client-provided name: wrong-password'),
  40: row(
    "PLAIN login refused: user 'guest' - invalid credentials",
    close('error', { pidKey: k('1039.0'), brokerName: name(50746), cause: 'auth-refused', reason: "PLAIN login refused: user 'guest' - invalid credentials" }),
  ),
  41: row('closing AMQP connection <0.1039.0>', close('info', { pidKey: k('1039.0'), brokerName: name(50746), providedName: 'wrong-password', cause: 'clean' })),

  // a user without permissions on a new vhost: the vhost's creation, then the refusal
  42: n('info', "Adding vhost 'restricted'"),
  43: n('info', 'Making sure data directory'),
  44: n('info', 'Setting segment_entry_count'),
  45: n('info', 'Starting message stores'),
  46: n('info', 'msg_store_transient": using rabbit_msg_store_ets_index'),
  47: n('info', 'Started message store of type transient'),
  48: n('info', 'msg_store_persistent": using rabbit_msg_store_ets_index'),
  49: n('warning', 'rebuilding indices from scratch'),
  50: n('info', 'Started message store of type persistent'),
  51: n('info', 'rabbit_classic_queue took'),
  52: n('info', 'rabbit_quorum_queue took'),
  53: n('info', 'rabbit_stream_queue took'),
  54: n('info', "Successfully set permissions for 'guest'"),
  55: n('info', "Created user 'limited'"),
  56: n('info', 'accepting AMQP connection <0.1093.0>'),
  57: n('info', 'has a client-provided name: no-permission'),
  58: row(
    "access to vhost 'restricted' refused for user 'limited'",
    close('error', {
      pidKey: k('1093.0'),
      brokerName: name(48646),
      providedName: 'no-permission',
      user: 'limited',
      cause: 'access-refused',
      reason: "access to vhost 'restricted' refused for user 'limited'",
    }),
  ),
  59: row(
    "closing AMQP connection <0.1093.0>",
    close('info', { pidKey: k('1093.0'), brokerName: name(48646), providedName: 'no-permission', vhost: 'none', user: 'limited', cause: 'clean' }),
  ),

  // a TCP client that sends nothing (handshake_timeout = 3000)
  60: n('info', 'accepting AMQP connection <0.1101.0>'),
  61: row('{handshake_timeout,handshake}', close('error', { pidKey: k('1101.0'), brokerName: name(48660), cause: 'handshake-timeout', reason: '{handshake_timeout,handshake}' })),

  // HTTP on the AMQP port
  62: n('info', 'accepting AMQP connection <0.1106.0>'),
  63: row('{bad_header,', close('error', { pidKey: k('1106.0'), brokerName: name(48676), cause: 'frame-error', reason: '{bad_header,<<"GET / HT">>}' })),

  // a method frame whose frame-end octet is 0x00: the broker logs the payload's raw bytes (not UTF-8)
  64: n('info', 'accepting AMQP connection <0.1111.0>'),
  65: row(
    'invalid_frame_end_marker',
    close('error', {
      pidKey: k('1111.0'),
      brokerName: name(48682),
      cause: 'frame-error',
      exception: 'frame_error',
      reason: [
        '{handshake_error,starting,0,',
        '                 {amqp_error,frame_error,',
        '                             "type 1, all octets = <<\\"\u07ad\ufffd\ufffd\\">>: {invalid_frame_end_marker,0}",',
        '                             none}}',
      ].join('\n'),
    }),
  ),

  // text after the protocol header
  66: n('info', 'accepting AMQP connection <0.1116.0>'),
  67: row(
    'frame_too_large,1931503987',
    close('error', {
      pidKey: k('1116.0'),
      brokerName: name(52270),
      cause: 'frame-error',
      exception: 'frame_error',
      reason: [
        '{handshake_error,starting,26729,',
        '                 {amqp_error,frame_error,',
        '                             "type 116, all octets = <<>>: {frame_too_large,1931503987,4088}",',
        '                             none}}',
      ].join('\n'),
    }),
  ),

  // delivery tag 1 acked twice (3.10 writes no client-provided name in channel-error lines)
  68: n('info', 'accepting AMQP connection <0.1121.0>'),
  69: n('info', 'has a client-provided name: double-acker'),
  70: n('info', "double-acker): user 'guest' authenticated"),
  71: row(
    'unknown delivery tag 1',
    channelError({
      pidKey: k('1121.0'),
      channelPidKey: k('1130.0'),
      brokerName: name(52276),
      ...GUEST,
      channel: 1,
      operation: 'basic.ack',
      exception: 'precondition_failed',
      errorKind: 'unknown-delivery-tag',
      reason: 'unknown delivery tag 1',
    }),
  ),
  72: row('closing AMQP connection <0.1121.0>', close('info', { pidKey: k('1121.0'), brokerName: name(52276), providedName: 'double-acker', ...GUEST, cause: 'clean' })),

  // checkQueue on a missing queue (a passive queue.declare)
  73: n('info', 'accepting AMQP connection <0.1144.0>'),
  74: n('info', 'has a client-provided name: queue-checker'),
  75: n('info', "queue-checker): user 'guest' authenticated"),
  76: row(
    "no queue 'no-such-queue'",
    channelError({
      pidKey: k('1144.0'),
      channelPidKey: k('1153.0'),
      brokerName: name(52286),
      ...GUEST,
      channel: 1,
      operation: 'queue.declare',
      exception: 'not_found',
      errorKind: 'not-found',
      reason: "no queue 'no-such-queue' in vhost '/'",
    }),
  ),
  77: row('closing AMQP connection <0.1144.0>', close('info', { pidKey: k('1144.0'), brokerName: name(52286), providedName: 'queue-checker', ...GUEST, cause: 'clean' })),

  // consuming another connection's exclusive queue
  78: n('info', 'accepting AMQP connection <0.1161.0>'),
  79: n('info', 'has a client-provided name: exclusive-owner'),
  80: n('info', "exclusive-owner): user 'guest' authenticated"),
  81: n('info', 'accepting AMQP connection <0.1179.0>'),
  82: n('info', 'has a client-provided name: exclusive-intruder'),
  83: n('info', "exclusive-intruder): user 'guest' authenticated"),
  84: row(
    'resource_locked',
    channelError({
      pidKey: k('1179.0'),
      channelPidKey: k('1188.0'),
      brokerName: name(35950),
      ...GUEST,
      channel: 1,
      operation: 'basic.consume',
      exception: 'resource_locked',
      errorKind: 'resource-locked',
      reason:
        "cannot obtain exclusive access to locked queue 'owned-exclusively' in vhost '/'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.",
    }),
  ),
  85: row('closing AMQP connection <0.1179.0>', close('info', { pidKey: k('1179.0'), brokerName: name(35950), providedName: 'exclusive-intruder', ...GUEST, cause: 'clean' })),
  86: row('closing AMQP connection <0.1161.0>', close('info', { pidKey: k('1161.0'), brokerName: name(35942), providedName: 'exclusive-owner', ...GUEST, cause: 'clean' })),

  // redeclaring a durable queue as transient, on a second channel
  87: n('info', 'accepting AMQP connection <0.1201.0>'),
  88: n('info', 'has a client-provided name: redeclarer'),
  89: n('info', "redeclarer): user 'guest' authenticated"),
  90: row(
    "inequivalent arg 'durable'",
    channelError({
      pidKey: k('1201.0'),
      channelPidKey: k('1220.0'),
      brokerName: name(35952),
      ...GUEST,
      channel: 2,
      operation: 'queue.declare',
      exception: 'precondition_failed',
      errorKind: 'inequivalent-arg',
      reason: "inequivalent arg 'durable' for queue 'durable-queue' in vhost '/': received 'false' but current is 'true'",
    }),
  ),
  91: row('closing AMQP connection <0.1201.0>', close('info', { pidKey: k('1201.0'), brokerName: name(35952), providedName: 'redeclarer', ...GUEST, cause: 'clean' })),

  // 2 MiB published against max_message_size = 1 MiB
  92: n('info', 'accepting AMQP connection <0.1231.0>'),
  93: n('info', 'has a client-provided name: big-publisher'),
  94: n('info', "big-publisher): user 'guest' authenticated"),
  95: row(
    'message size 2097152',
    channelError({
      pidKey: k('1231.0'),
      channelPidKey: k('1240.0'),
      brokerName: name(35960),
      ...GUEST,
      channel: 1,
      operation: 'basic.publish',
      exception: 'precondition_failed',
      errorKind: 'message-too-large',
      reason: 'message size 2097152 is larger than configured max size 1048576',
    }),
  ),
  96: row('closing AMQP connection <0.1231.0>', close('info', { pidKey: k('1231.0'), brokerName: name(35960), providedName: 'big-publisher', ...GUEST, cause: 'clean' })),

  // a user allowed into the vhost but not to configure: queue.declare refused
  97: n('info', "Successfully changed password for user 'limited'"),
  98: n('info', "Successfully set user tags for user 'limited'"),
  99: n('info', "Successfully set permissions for 'limited'"),
  100: n('info', 'accepting AMQP connection <0.1264.0>'),
  101: n('info', 'has a client-provided name: configure-denied'),
  102: n('info', "configure-denied): user 'limited' authenticated"),
  103: row(
    "access to queue 'not-allowed-here'",
    channelError({
      pidKey: k('1264.0'),
      channelPidKey: k('1273.0'),
      brokerName: name(35970),
      vhost: 'restricted',
      user: 'limited',
      channel: 1,
      operation: 'queue.declare',
      exception: 'access_refused',
      errorKind: 'access-refused',
      reason: "access to queue 'not-allowed-here' in vhost 'restricted' refused for user 'limited'",
    }),
  ),
  104: row(
    'closing AMQP connection <0.1264.0>',
    close('info', { pidKey: k('1264.0'), brokerName: name(35970), providedName: 'configure-denied', vhost: 'restricted', user: 'limited', cause: 'clean' }),
  ),

  // consumer_timeout = 10000, never acked: the broker looked 60 s after the delivery
  105: n('info', 'accepting AMQP connection <0.1281.0>'),
  106: n('info', `has a client-provided name: ${TRAILER}`),
  107: n('info', `${TRAILER}): user 'guest' authenticated`),
  // "Consumer 1" is the delivery tag: the consumer tag was 'never-acks'.
  108: row('Consumer 1 on channel 1 has timed out', consumerTimeout({ channel: 1, deliveryTag: 1, timeoutMs: 10_000, channelPidKey: k('1290.0') })),
  109: row(
    'delivery acknowledgement on channel 1 timed out',
    channelError({
      pidKey: k('1281.0'),
      channelPidKey: k('1290.0'),
      brokerName: name(35976),
      ...GUEST,
      channel: 1,
      exception: 'precondition_failed',
      errorKind: 'ack-timeout',
      reason: 'delivery acknowledgement on channel 1 timed out. Timeout value used: 10000 ms. This timeout value can be configured, see consumers doc guide to learn more',
      timeoutMs: 10_000,
    }),
  ),
  110: row('closing AMQP connection <0.1281.0>', close('info', { pidKey: k('1281.0'), brokerName: name(35976), providedName: TRAILER, ...GUEST, cause: 'clean' })),

  // rabbitmqctl set_vm_memory_high_watermark 0.0000001, then 0.4
  111: n('info', 'Memory high watermark set to 0 MiB'),
  112: n('info', 'vm_memory_high_watermark set.'),
  113: row('memory resource limit alarm set on node', alarm('memory', true)),
  114: n('info', 'Memory high watermark set to 9642 MiB'),
  115: n('info', 'vm_memory_high_watermark clear.'),
  116: row('memory resource limit alarm cleared on node', alarm('memory', false)),
  // The cluster-wide clear repeats the node's: one alarm finding per change is enough.
  117: n('warning', 'memory resource limit alarm cleared across the cluster'),

  // rabbitmqctl stop with two clients connected; the exchange goes down with 'rabbit'
  118: n('info', 'accepting AMQP connection <0.1317.0>'),
  119: n('info', 'has a client-provided name: still-here-at-shutdown'),
  120: n('info', "still-here-at-shutdown): user 'guest' authenticated"),
  121: n('info', 'accepting AMQP connection <0.1324.0>'),
  122: n('info', '<0.1324.0> line two\n'),
  123: n('info', "line two): user 'guest' authenticated"),
  124: n('info', 'RabbitMQ is asked to stop'),
  125: n('info', 'Stopping RabbitMQ applications and their dependencies'),
  126: n('info', "Stopping application 'rabbitmq_management'"),
  127: n('warning', 'HTTP listener registry could not find context'),
  128: n('notice', 'Application rabbitmq_management exited'),
  129: n('info', "Stopping application 'rabbitmq_web_dispatch'"),
  130: n('notice', 'Application rabbitmq_web_dispatch exited'),
  131: n('info', "Stopping application 'cowboy'"),
  132: n('notice', 'Application cowboy exited'),
  133: n('info', "Stopping application 'cowlib'"),
  134: n('notice', 'Application cowlib exited'),
  135: n('info', "Stopping application 'rabbitmq_management_agent'"),
  136: n('notice', 'Application rabbitmq_management_agent exited'),
  137: n('info', "Stopping application 'rabbitmq_event_exchange'"),
  138: n('notice', 'Application rabbitmq_event_exchange exited'),
  139: n('info', "Stopping application 'rabbit'"),
  // From the node's log file (via: 'log-file'): the exchange was already gone.
  140: row(
    'still-here-at-shutdown, vhost',
    close('error', { pidKey: k('1317.0'), brokerName: name(56188), providedName: 'still-here-at-shutdown', ...GUEST, cause: 'shutdown', reason: SHUTDOWN, exception: 'connection_forced' }),
  ),
  141: row(
    "line two, vhost: '/', user: 'guest', state: running",
    close('error', { pidKey: k('1324.0'), brokerName: name(56204), providedName: NEWLINE, ...GUEST, cause: 'shutdown', reason: SHUTDOWN, exception: 'connection_forced' }),
  ),
  142: row(
    'capture-broker-log, vhost',
    close('error', { pidKey: k('789.0'), brokerName: name(54534), providedName: 'capture-broker-log', ...GUEST, cause: 'shutdown', reason: SHUTDOWN, exception: 'connection_forced' }),
  ),
};
