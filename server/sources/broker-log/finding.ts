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

/**
 * `pidKey` is always a connection's process (see pid-key.ts), comparable with
 * `pidKeyFromEvent(connection.created pid)`.
 */
interface FindingBase {
  at: number;
  node: string | null;
  level: LogLevel;
  /** The broker's text, verbatim (untrusted), capped in length. */
  text: string;
}

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
      /** forced: the X-Reason / rabbitmqctl reason */
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
