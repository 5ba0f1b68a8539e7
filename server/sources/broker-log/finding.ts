/**
 * What rabbitpulse makes of one event from the broker's log exchange
 * (`amq.rabbitmq.log`): a connection closed and why, a channel closed by an
 * AMQP exception, a consumer that timed out, a resource alarm — in the
 * broker's own words (`text`) plus the fields a dashboard joins on.
 *
 * Everything here comes from the broker's text, which embeds client-chosen
 * connection names: treat every string as untrusted data.
 */

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

export type LogCloseCause =
  | 'missed-heartbeats'
  | 'client-closed-tcp'
  | 'forced'
  | 'shutdown'
  | 'handshake-timeout'
  | 'auth-refused'
  | 'access-refused'
  | 'frame-error'
  | 'clean'
  | 'connection-error';

export type ChannelErrorKind =
  | 'unknown-delivery-tag'
  | 'ack-timeout'
  | 'inequivalent-arg'
  | 'message-too-large'
  | 'not-found'
  | 'access-refused'
  | 'resource-locked'
  | 'other';

interface FindingBase {
  at: number;
  node: string | null;
  level: LogLevel;
  /** The broker's text, verbatim (untrusted): the event's lines without their log prefixes, capped at 4 KiB. */
  text: string;
}

/**
 * Wherever it appears, `pidKey` is a connection's process (pid-key.ts), equal
 * to `pidKeyFromEvent(pid)` of that connection's `connection.created` event.
 *
 * One close can give several findings with the same `pidKey`: a forced close
 * logs the error, the management's "Closing connection … because", then the
 * connection's ordinary `closing AMQP connection` line — which reads exactly
 * like a client's clean close (`cause: 'clean'`); a refused login is followed
 * by one too. Prefer the cause other than 'clean' seen for the same pidKey.
 */
export type BrokerFinding =
  | (FindingBase & {
      kind: 'connection-close';
      pidKey: string | null;
      brokerName: string | null;
      providedName: string | null;
      vhost: string | null;
      user: string | null;
      cause: LogCloseCause;
      /** missed heartbeats */
      timeoutSec: number | null;
      /** forced: the X-Reason / rabbitmqctl reason; otherwise the broker's reason text (null for clean closes) */
      reason: string | null;
      /** AMQP exception name when the line gives one, e.g. connection_forced */
      exception: string | null;
    })
  | (FindingBase & {
      kind: 'channel-error';
      pidKey: string | null;
      brokerName: string | null;
      vhost: string | null;
      user: string | null;
      channel: number;
      operation: string | null;
      exception: string;
      errorKind: ChannelErrorKind;
      reason: string;
      /** ack-timeout: the timeout used */
      timeoutMs: number | null;
      /** Added: the channel process (it logs the line), to pair with a `consumer-timeout` just before. */
      channelPidKey: string | null;
    })
  | (FindingBase & {
      kind: 'consumer-timeout';
      consumerTag: string | null;
      channel: number | null;
      timeoutMs: number | null;
      /** Always null: the line names no connection. The `channel-error` that follows it does (match by `channelPidKey`). */
      pidKey: string | null;
      /** Added: the channel process that logged the warning. */
      channelPidKey: string | null;
      /** Added (3.13+ lines): the queue, its vhost, and the delivery that timed out. */
      queue: string | null;
      vhost: string | null;
      deliveryTag: number | null;
    })
  | (FindingBase & { kind: 'alarm'; resource: string | null; set: boolean })
  | (FindingBase & { kind: 'notice' });
