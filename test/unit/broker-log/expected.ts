import type { BrokerFinding, LogLevel } from '../../../server/sources/broker-log/finding';

/**
 * Builders for the findings the tables expect, without `at`, `node` and
 * `text` (those are checked on their own): every field not given is null, so
 * a table row states exactly what the broker's line says.
 */
export type Expected = DistributiveOmit<BrokerFinding, 'at' | 'node' | 'text'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Close = Extract<Expected, { kind: 'connection-close' }>;
type ChannelError = Extract<Expected, { kind: 'channel-error' }>;
type ConsumerTimeout = Extract<Expected, { kind: 'consumer-timeout' }>;

export const close = (level: LogLevel, f: Partial<Close> & Pick<Close, 'cause'>): Close => ({
  kind: 'connection-close',
  level,
  pidKey: null,
  brokerName: null,
  providedName: null,
  vhost: null,
  user: null,
  timeoutSec: null,
  reason: null,
  exception: null,
  ...f,
});

export const channelError = (
  f: Partial<ChannelError> & Pick<ChannelError, 'channel' | 'exception' | 'errorKind' | 'reason'>,
): ChannelError => ({
  kind: 'channel-error',
  level: 'error',
  pidKey: null,
  channelPidKey: null,
  brokerName: null,
  vhost: null,
  user: null,
  operation: null,
  timeoutMs: null,
  ...f,
});

export const consumerTimeout = (f: Partial<ConsumerTimeout>): ConsumerTimeout => ({
  kind: 'consumer-timeout',
  level: 'warning',
  consumerTag: null,
  channel: null,
  timeoutMs: null,
  pidKey: null,
  channelPidKey: null,
  queue: null,
  vhost: null,
  deliveryTag: null,
  ...f,
});

export const alarm = (resource: string, set: boolean): Expected => ({ kind: 'alarm', level: 'warning', resource, set });

export const notice = (level: LogLevel): Expected => ({ kind: 'notice', level });

/** A finding as the tables compare it. */
export function comparable(f: BrokerFinding): Expected {
  const { at: _at, node: _node, text: _text, ...rest } = f;
  return rest as Expected;
}
