import { readConnectionLabel, type ConnectionLabel } from './connection-label';
import { unquote } from './erlang-text';
import type { ChannelErrorKind } from './finding';

/**
 * A channel closed by an AMQP exception (rabbit_channel, 3.10 … 4.3):
 *
 *   Channel error on connection <0.886.0> (NAME, vhost: '/', user: 'guest'), channel 1:⏎
 *   operation basic.ack caused a channel exception precondition_failed: unknown delivery tag 1
 *
 * The pid is the connection's (the line is logged by the channel process,
 * whose pid is the prefix's). 3.12+ puts a space before `operation`.
 */
export interface ChannelLine {
  pid: string;
  label: ConnectionLabel;
  channel: number;
  operation: string | null;
  exception: string;
  errorKind: ChannelErrorKind;
  reason: string;
  timeoutMs: number | null;
}

const CHANNEL_ERROR = /^Channel error on connection (<\d+\.\d+\.\d+>) \(/;
/** `operation basic.ack caused a channel exception precondition_failed: <reason>` */
const SOFT_ERROR = /^\s*operation (\S+) caused a channel exception (\w+): ([\s\S]*)$/;
/** `delivery acknowledgement on channel 1 timed out. Timeout value used: 10000 ms. …` */
const ACK_TIMEOUT = /^delivery acknowledgement on channel \d+ timed out\.\s+Timeout value used: (\d+) ms/;

export function readChannelLine(text: string): ChannelLine | null {
  const start = CHANNEL_ERROR.exec(text);
  if (!start) return null;
  const rest = text.slice(start[0].length);
  // The label is the client's text, the reason after it the broker's: split at the last separator.
  const separators = [...rest.matchAll(/\), channel (\d+):\n/g)];
  const sep = separators[separators.length - 1];
  if (!sep) return null;
  const soft = SOFT_ERROR.exec(rest.slice(sep.index + sep[0].length));
  if (!soft) return null;
  const exception = soft[2]!;
  // Before 3.8 the reason was quoted ("unknown delivery tag 1"); drop the quotes either way.
  const reason = unquote(soft[3]!);
  const ackTimeout = ACK_TIMEOUT.exec(reason);
  return {
    pid: start[1]!,
    label: readConnectionLabel(rest.slice(0, sep.index), ['user', 'vhost']),
    channel: Number(sep[1]),
    operation: soft[1] === 'none' ? null : soft[1]!,
    exception,
    errorKind: ackTimeout ? 'ack-timeout' : kindOf(exception, reason),
    reason,
    timeoutMs: ackTimeout ? Number(ackTimeout[1]) : null,
  };
}

function kindOf(exception: string, reason: string): ChannelErrorKind {
  switch (exception) {
    case 'not_found':
      return 'not-found';
    case 'access_refused':
      return 'access-refused';
    case 'resource_locked':
      return 'resource-locked';
    case 'precondition_failed':
      if (/^unknown delivery tag \d+/.test(reason)) return 'unknown-delivery-tag';
      if (/inequivalent arg/.test(reason)) return 'inequivalent-arg';
      if (/^message size \d+ is larger than/.test(reason)) return 'message-too-large';
      return 'other';
    default:
      return 'other';
  }
}

/**
 * The warning before an ack-timeout channel error (the channel process logs it):
 *
 *   3.10 … 3.12: Consumer 1 on channel 1 has timed out waiting for delivery acknowledgement. Timeout used: 10000 ms. …
 *               The number is the DELIVERY tag, though the line says Consumer: rabbit_channel binds the pending
 *               ack's delivery_tag to a variable named ConsumerTag (3.10.8; measured: consumer tag 'never-acks'
 *               was logged as "Consumer 1"). So this shape gives a deliveryTag and no consumer tag.
 *   3.13, 4.x:  Consumer '<tag>' on channel 1 and queue '<q>' in vhost '<v>' has timed out waiting for a consumer
 *               acknowledgement of a delivery with delivery tag = 10. Timeout used: 180000 ms. …
 *   4.3:        … of a delivery with⏎                 message id of 10. Timeout used: … (a line break in the format string)
 */
export interface ConsumerTimeoutLine {
  consumerTag: string | null;
  channel: number | null;
  queue: string | null;
  vhost: string | null;
  deliveryTag: number | null;
  timeoutMs: number | null;
}

const TIMEOUT_OLD = /^Consumer ([\s\S]*) on channel (\d+) has timed out waiting for delivery acknowledgement\.\s+Timeout used: (\d+) ms/;
const TIMEOUT_NEW =
  /^Consumer '([\s\S]*)' on channel (\d+) and queue '([\s\S]*)' in vhost '([\s\S]*)' has timed out\s+waiting for a consumer\s+acknowledgement of a delivery with\s+(?:delivery tag =|message id of) (\d+)\.\s+Timeout used: (\d+) ms/;

export function readConsumerTimeoutLine(text: string): ConsumerTimeoutLine | null {
  // Cheap test first: the patterns above backtrack over the whole text.
  if (!text.startsWith('Consumer ') || !text.includes('has timed out')) return null;
  const m = TIMEOUT_NEW.exec(text);
  if (m) return { consumerTag: m[1]!, channel: Number(m[2]), queue: m[3]!, vhost: m[4]!, deliveryTag: Number(m[5]), timeoutMs: Number(m[6]) };
  const old = TIMEOUT_OLD.exec(text);
  if (old) {
    const tag = /^\d+$/.test(old[1]!) ? Number(old[1]) : null;
    return { consumerTag: null, channel: Number(old[2]), queue: null, vhost: null, deliveryTag: tag, timeoutMs: Number(old[3]) };
  }
  return null;
}
