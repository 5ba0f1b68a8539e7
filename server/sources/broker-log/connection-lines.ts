import { readConnectionLabel, type ConnectionLabel, type LabelField } from './connection-label';
import { unquote } from './erlang-text';
import type { LogCloseCause, LogLevel } from './finding';

/**
 * The connection process's own account of a closed connection. Shapes, from
 * rabbit_reader (3.10 … 4.3), `NAME` being the label connection-label.ts reads:
 *
 *   closing AMQP connection <0.886.0> (NAME, vhost: '/', user: 'guest')            info: a clean close
 *   closing AMQP connection (NAME, vhost: '/', user: 'guest', duration: '21ms')    info, 4.x: no pid in the text
 *   closing AMQP connection <0.960.0> (NAME):⏎missed heartbeats from client, timeout: 3s
 *   closing AMQP connection <0.921.0> (NAME, vhost: '/', user: 'guest'):⏎client unexpectedly closed TCP connection
 *   closing AMQP connection <0.1.0> (NAME, duration: '1M, 29s'):⏎<reason>           4.x
 *   Error on AMQP connection <0.841.0> (NAME, vhost: '/', user: 'guest', state: running), channel 0:⏎
 *     operation none caused a connection exception connection_forced: "planned maintenance"
 *   Error on AMQP connection <0.1.0> (NAME, state: starting):⏎PLAIN login refused: user 'u' - invalid credentials
 *   Error on AMQP connection <0.1.0> (NAME, user: 'u', state: opening):⏎access to vhost 'v' refused for user 'u'
 *   closing AMQP connection [::1]:49402 -> [::1]:5672 (duration: '0ms'):⏎HTTP GET request detected on AMQP port. …
 *                                                                                     (4.1+, bytes that are not AMQP)
 *   Closing connection <0.841.0> because "planned maintenance"                        (management/rabbitmqctl)
 */
export interface ConnectionLine {
  pid: string | null;
  label: ConnectionLabel | null;
  cause: LogCloseCause;
  timeoutSec: number | null;
  reason: string | null;
  exception: string | null;
}

const PID = '<\\d+\\.\\d+\\.\\d+>';
/** `closing AMQP connection <0.1.0> (` or, on 4.x clean closes, `closing AMQP connection (`. */
const CLOSING = new RegExp(`^closing AMQP connection (?:(${PID}) )?\\(`);
/** `closing AMQP connection [::1]:49402 -> [::1]:5672 (duration: '0ms'):⏎<reason>`: before the handshake, no pid, no parentheses. */
const CLOSING_UNNAMED = /^closing AMQP connection (\S+ -> \S+) \(duration: '[^']*'\):\n([\s\S]*)$/;
/** `Error on AMQP connection <0.1.0> (` */
const ERROR_ON = new RegExp(`^Error on AMQP connection (${PID}) \\(`);
/** `Error on AMQP connection <0.1.0>: <socket error>` — no label at all. */
const ERROR_ON_SOCKET = new RegExp(`^Error on AMQP connection (${PID}):\\s*([\\s\\S]*)$`);
/** `Closing connection <0.841.0> because "planned maintenance"` */
const CLOSING_BECAUSE = new RegExp(`^Closing connection (${PID}) because ([\\s\\S]*)$`);
/** `operation none caused a connection exception connection_forced: "planned maintenance"` */
const HARD_ERROR = /^\s*operation (\S+) caused a connection exception (\w+): ([\s\S]*)$/;
/** `missed heartbeats from client, timeout: 3s` */
const MISSED_HEARTBEATS = /^missed heartbeats from client, timeout: (\d+)s$/;
/** The explanation the broker gives connections it closes while shutting down. */
const SHUTDOWN = /^broker forced connection closure with reason 'shutdown'$/;

export function readConnectionLine(text: string, level: LogLevel): ConnectionLine | null {
  const unnamed = CLOSING_UNNAMED.exec(text);
  if (unnamed) {
    const label = { brokerName: unnamed[1]!, providedName: null, vhost: null, user: null, state: null, duration: null };
    return { pid: null, label, ...causeOfReason(unnamed[2]!) };
  }
  const closing = CLOSING.exec(text);
  if (closing) return readClosing(text.slice(closing[0].length), closing[1] ?? null, level);
  const errorOn = ERROR_ON.exec(text);
  if (errorOn) return readErrorOn(text.slice(errorOn[0].length), errorOn[1]!);
  const socket = ERROR_ON_SOCKET.exec(text);
  if (socket) return { pid: socket[1]!, label: null, ...causeOfReason(socket[2]!) };
  const because = CLOSING_BECAUSE.exec(text);
  if (because) {
    const reason = unquote(because[2]!);
    return { pid: because[1]!, label: null, cause: SHUTDOWN.test(reason) ? 'shutdown' : 'forced', timeoutSec: null, reason, exception: null };
  }
  return null;
}

/**
 * After `closing AMQP connection [<pid>] (`: the label, then `)` at the end
 * (a clean close, logged at info) or `):⏎` and the reason. The reason is the
 * broker's text, the label the client's, so the reason starts after the LAST
 * `):⏎` — a name holding `):⏎` cannot move it.
 */
function readClosing(rest: string, pid: string | null, level: LogLevel): ConnectionLine | null {
  const split = rest.lastIndexOf('):\n');
  const clean = (level === 'info' || split < 0) && rest.endsWith(')');
  if (clean) {
    const label = readConnectionLabel(rest.slice(0, -1), ['duration', 'user', 'vhost']);
    return { pid, label, cause: 'clean', timeoutSec: null, reason: null, exception: null };
  }
  if (split < 0) return null;
  const cause = causeOfReason(rest.slice(split + 3));
  // Only the abrupt close writes vhost and user before the reason; elsewhere a name ending in
  // `, vhost: 'x', user: 'y'` is all name. (A clean close cannot tell: before login it has no fields either.)
  const fields: LabelField[] = cause.cause === 'client-closed-tcp' ? ['duration', 'user', 'vhost'] : ['duration'];
  return { pid, label: readConnectionLabel(rest.slice(0, split), fields), ...cause };
}

/**
 * After `Error on AMQP connection <pid> (`: `…, state: s), channel N:⏎operation …`
 * (a hard error on a running connection) or `…, state: s):⏎<message>` (refused
 * while starting or opening). Split at the last such separator, as above.
 */
function readErrorOn(rest: string, pid: string): ConnectionLine | null {
  // 4.x writes `), channel N:error while terminating:⏎…` without a line break after the colon.
  const separators = [...rest.matchAll(/\)(?:, channel \d+)?:(?:\n|(?=error while terminating))/g)];
  const sep = separators[separators.length - 1];
  if (!sep) return null;
  const label = readConnectionLabel(rest.slice(0, sep.index), ['state', 'user', 'vhost']);
  const message = rest.slice(sep.index + sep[0].length);
  const hard = HARD_ERROR.exec(message);
  if (hard) {
    const exception = hard[2]!;
    const explanation = unquote(hard[3]!);
    return { pid, label, cause: causeOfException(exception, explanation), timeoutSec: null, reason: explanation, exception };
  }
  return { pid, label, ...causeOfReason(message) };
}

/** What the reason after a closing line, or the message of a refused connection, says. */
function causeOfReason(reason: string): Pick<ConnectionLine, 'cause' | 'timeoutSec' | 'reason' | 'exception'> {
  const r = reason.trim();
  const heartbeats = MISSED_HEARTBEATS.exec(r);
  if (heartbeats) return { cause: 'missed-heartbeats', timeoutSec: Number(heartbeats[1]), reason: r, exception: null };
  // `{amqp_error,frame_error,"…",none}` inside Erlang terms names the AMQP exception.
  const exception = /\{amqp_error,(\w+),/.exec(r)?.[1] ?? null;
  return { cause: causeOfText(r, exception), timeoutSec: null, reason: r, exception };
}

function causeOfText(r: string, exception: string | null): LogCloseCause {
  if (r === 'client unexpectedly closed TCP connection') return 'client-closed-tcp';
  if (r.includes('handshake_timeout')) return 'handshake-timeout';
  if (/login refused|invalid credentials/.test(r)) return 'auth-refused';
  if (/^access to vhost '[\s\S]*' refused for user /.test(r)) return 'access-refused';
  // Bytes that are not AMQP: a bad frame, or a protocol header that is not AMQP's (HTTP, TLS, garbage).
  if (/bad_header|did not start with AMQP protocol header|detected on non-TLS AMQP port|detected on AMQP port/.test(r)) return 'frame-error';
  return exception ? causeOfException(exception, r) : 'connection-error';
}

function causeOfException(exception: string, explanation: string): LogCloseCause {
  switch (exception) {
    case 'connection_forced':
      return SHUTDOWN.test(explanation) ? 'shutdown' : 'forced';
    case 'frame_error':
    case 'syntax_error':
    case 'command_invalid':
    case 'unexpected_frame':
      return 'frame-error';
    case 'access_refused':
      return /login refused|invalid credentials/.test(explanation) ? 'auth-refused' : 'access-refused';
    default:
      return 'connection-error';
  }
}
