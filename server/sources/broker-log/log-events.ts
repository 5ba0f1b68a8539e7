import type { LogLevel } from './finding';

/**
 * Splits a log-exchange message body into log events.
 *
 * RabbitMQ's text formatter (rabbit_logger_text_fmt) writes every line of an
 * event — including the continuation lines of a multi-line message, and the
 * lines a client-provided name with a newline in it breaks into — as
 *
 *   2026-12-02 09:30:01.123456+00:00 [error] <0.960.0> closing AMQP connection …
 *
 * so the lines of one event share one prefix, and a new prefix starts a new
 * event. Because the broker prefixes each line itself, a forged prefix inside
 * a connection name ends up after the real one on its line and stays text.
 * A body without prefixes (a custom line format) is one event. A body from the
 * JSON formatter (`log.exchange.formatter = json`) is one JSON object per line.
 */

export interface LogEvent {
  level: LogLevel | null;
  /** The pid of the process that logged the event, from the prefix (`<0.960.0>`). */
  pid: string | null;
  /** The event's message, its lines joined with `\n`, prefixes removed. */
  text: string;
}

/**
 * `2026-12-02 09:30:01.123456+00:00 [error] <0.960.0> ` — time (RFC 3339, or
 * epoch seconds/microseconds when configured so; quoted lines often drop it),
 * level in brackets, pid.
 */
const PREFIX = /^(?:(?:\d{4}-\d\d-\d\d[ T][\d:.]+(?:Z|[+-]\d\d:?\d\d)?|\d+(?:\.\d+)?) )?\[([A-Za-z]+)\] (<\d+\.\d+\.\d+>) ?/;

/** The line's prefix, if it has one with a level we know. */
function prefixOf(line: string): { text: string; level: LogLevel; pid: string } | null {
  const m = PREFIX.exec(line);
  const level = m ? toLevel(m[1]!) : null;
  return m && level ? { text: m[0], level, pid: m[2]! } : null;
}

/** Level spellings the formatter can be configured to use (lc, uc, 3- and 4-letter forms), lower-cased. */
const LEVEL_NAMES: Record<string, LogLevel> = {
  debug: 'debug', dbg: 'debug', dbug: 'debug',
  info: 'info', inf: 'info',
  notice: 'notice', ntc: 'notice', noti: 'notice',
  warning: 'warning', wrn: 'warning', warn: 'warning',
  error: 'error', err: 'error', erro: 'error',
  critical: 'critical', crt: 'critical', crit: 'critical',
  alert: 'alert', alt: 'alert', alrt: 'alert',
  emergency: 'emergency', emg: 'emergency', emgc: 'emergency',
};

export function toLevel(name: string): LogLevel | null {
  return LEVEL_NAMES[name.toLowerCase()] ?? null;
}

export function splitLogEvents(body: string): LogEvent[] {
  const json = jsonEvents(body);
  if (json) return json;
  const lines = body.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  // Without a prefix on its first line the body is not prefixed at all: one event, whatever later lines look like.
  if (!prefixOf(lines[0]!)) return [{ level: null, pid: null, text: lines.join('\n') }];
  const events: Array<LogEvent & { prefix: string }> = [];
  for (const line of lines) {
    const p = prefixOf(line);
    const last = events[events.length - 1];
    if (last && (!p || p.text === last.prefix)) last.text += '\n' + (p ? line.slice(p.text.length) : line);
    else if (p) events.push({ prefix: p.text, level: p.level, pid: p.pid, text: line.slice(p.text.length) });
  }
  return events.map(({ level, pid, text }) => ({ level, pid, text }));
}

/** `{"time":"…","level":"info","msg":"…","pid":"<0.1078.0>",…}` per line, as the JSON formatter writes. */
function jsonEvents(body: string): LogEvent[] | null {
  if (!body.trimStart().startsWith('{')) return null;
  const events: LogEvent[] = [];
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { msg, level, pid } = parsed as Record<string, unknown>;
    if (typeof msg !== 'string') return null;
    events.push({ text: msg, level: typeof level === 'string' ? toLevel(level) : null, pid: typeof pid === 'string' ? pid : null });
  }
  return events.length > 0 ? events : null;
}
