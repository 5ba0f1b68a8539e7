import { readAlarmLine } from './alarm-lines';
import { readChannelLine, readConsumerTimeoutLine } from './channel-lines';
import { readConnectionLine } from './connection-lines';
import type { BrokerFinding, LogLevel } from './finding';
import { splitLogEvents, toLevel, type LogEvent } from './log-events';
import { pidKeyFromLog } from './pid-key';

/**
 * Kept text is capped at 4 KiB (with a trailing `…`): enough for any line the
 * broker writes about a connection, while a client that names its connection
 * with megabytes cannot make every finding that big.
 */
export const MAX_TEXT = 4096;
/**
 * Only the first 64 KiB of a body are parsed, which bounds the time the
 * line patterns can take on a hostile body.
 */
export const MAX_PARSED = 64 * 1024;

/**
 * Turns one message from the broker's log exchange into findings: routing
 * key = level, `node` = the message's `node` header, `at` = when it was
 * logged or received. A body may hold several events; each gives one finding,
 * `notice` when its shape is not one we read. Never throws.
 */
export function parseBrokerLog(routingKey: string, node: string | null, body: string, at: number): BrokerFinding[] {
  if (body.trim() === '') return [];
  const fallbackLevel = toLevel(routingKey) ?? 'info';
  return splitLogEvents(body.slice(0, MAX_PARSED)).map((event) => {
    try {
      return findingOf(event, node, at, fallbackLevel);
    } catch {
      // A pattern meeting input nobody foresaw must not cost the caller the event.
      return { at, node, level: event.level ?? fallbackLevel, text: capText(event.text), kind: 'notice' };
    }
  });
}

/** One event's finding. Exported for the fuzz test, which must see a throw that parseBrokerLog would hide. */
export function findingOf(event: LogEvent, node: string | null, at: number, fallbackLevel: LogLevel): BrokerFinding {
  const base = { at, node, level: event.level ?? fallbackLevel, text: capText(event.text) };
  const key = (pid: string | null) => (pid ? pidKeyFromLog(pid, base.node) : null);
  const connection = readConnectionLine(event.text, base.level);
  if (connection) {
    const { label } = connection;
    return {
      ...base,
      kind: 'connection-close',
      // 4.x clean closes name no pid; the reader process that logs them is the connection.
      pidKey: key(connection.pid ?? event.pid),
      brokerName: label?.brokerName ?? null,
      providedName: label?.providedName ?? null,
      vhost: label?.vhost ?? null,
      user: label?.user ?? null,
      cause: connection.cause,
      timeoutSec: connection.timeoutSec,
      reason: connection.reason,
      exception: connection.exception,
    };
  }
  const channel = readChannelLine(event.text);
  if (channel) {
    const { label } = channel;
    return {
      ...base,
      kind: 'channel-error',
      pidKey: key(channel.pid),
      channelPidKey: key(event.pid),
      brokerName: label.brokerName,
      vhost: label.vhost,
      user: label.user,
      channel: channel.channel,
      operation: channel.operation,
      exception: channel.exception,
      errorKind: channel.errorKind,
      reason: channel.reason,
      timeoutMs: channel.timeoutMs,
    };
  }
  const timeout = readConsumerTimeoutLine(event.text);
  if (timeout) return { ...base, kind: 'consumer-timeout', pidKey: null, channelPidKey: key(event.pid), ...timeout };
  const alarm = readAlarmLine(event.text);
  if (alarm) return { ...base, kind: 'alarm', ...alarm };
  return { ...base, kind: 'notice' };
}

function capText(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + '…' : text;
}
