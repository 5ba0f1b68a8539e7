import type { CloseCause, LastKnownConnection } from '../contract';
import type { BrokerFinding, ChannelErrorKind, LogCloseCause } from '../sources/broker-log/finding';

type CloseFinding = Extract<BrokerFinding, { kind: 'connection-close' }>;
type ChannelFinding = Extract<BrokerFinding, { kind: 'channel-error' }>;

/** The close cause a broker's log line names. Every one is certain: the broker did it and said why. */
export function causeOfLoggedClose(cause: LogCloseCause): CloseCause {
  switch (cause) {
    case 'missed-heartbeats':
      return 'missed-heartbeats';
    case 'client-closed-tcp':
      return 'abrupt';
    case 'auth-refused':
      return 'auth-failure';
    case 'connection-error':
      // A connection exception with no cause of its own here: the broker's text says which.
      return 'unknown';
    default:
      return cause;
  }
}

/** AMQP reply codes of the exceptions the broker names in its log. */
const REPLY_CODES: Readonly<Record<string, number>> = {
  connection_forced: 320,
  access_refused: 403,
  not_found: 404,
  resource_locked: 405,
  precondition_failed: 406,
  frame_error: 501,
  command_invalid: 503,
  channel_error: 504,
  unexpected_frame: 505,
  resource_error: 506,
  not_allowed: 530,
  internal_error: 541,
};

export function replyCodeOf(exception: string | null): number | undefined {
  return exception ? REPLY_CODES[exception] : undefined;
}

const HEARTBEAT_FIX =
  'Fix: find what blocks the client\'s I/O loop — usually a message handler doing long synchronous work on the thread or event loop that also sends heartbeats — and move that work off it (worker thread, separate process, or ack and hand off); do not just raise or disable heartbeats.';

function redelivered(unacked: number | null | undefined): string {
  if (!unacked) return '';
  return ` Its ${unacked} unacknowledged message${unacked === 1 ? '' : 's'} went back to their queues, to be redelivered.`;
}

/**
 * What a close the broker explained in its log means, and the fix. `who`
 * names the connection; `last` is how it looked at the last poll, if ever.
 */
export function explainLoggedClose(who: string, f: CloseFinding, last: LastKnownConnection | null): string {
  const unacked = redelivered(last?.unacked);
  switch (f.cause) {
    case 'missed-heartbeats':
      return (
        `The broker closed ${who} for missed heartbeats${f.timeoutSec !== null ? ` (timeout ${f.timeoutSec} s)` : ''}: it heard nothing from the client for longer than the timeout allows.${unacked} ` +
        HEARTBEAT_FIX
      );
    case 'client-closed-tcp':
      return (
        `The broker says the client closed its TCP connection without an AMQP close: ${who}'s process died or was killed, or the network between them cut the connection (a load balancer, NAT or firewall idle timeout).${unacked} ` +
        "Check the client's logs and restarts (out-of-memory kills, deploys) around this time, and idle timeouts on the path."
      );
    case 'forced':
      return (
        `${who} was force-closed by an administrator or a tool (management API or rabbitmqctl)${f.reason ? ` with the reason "${f.reason}"` : ''}.${unacked} ` +
        'Not a client fault; the client should reconnect.'
      );
    case 'shutdown':
      return `The broker node shut down or restarted and closed ${who}.${unacked} Clients should reconnect with backoff, ideally to another node.`;
    case 'handshake-timeout':
      return (
        `A client (${who}) opened a TCP connection but did not finish the AMQP handshake in time, so the broker closed it. ` +
        'Usually a health check or port scanner, a TLS client on the plain port (or the reverse), or a client stalled while starting.'
      );
    case 'auth-refused':
      return `The broker refused ${who}'s login (wrong user name or password). Repeated refusals usually mean a rotated password not rolled out to every client.`;
    case 'access-refused':
      return `The broker refused ${who} access to its vhost. Fix the user's permissions (rabbitmqctl set_permissions) or the vhost in the client's connection URL.`;
    case 'frame-error':
      return `${who} sent bytes that are not valid AMQP, so the broker closed it: a client bug, a TLS client on the plain port, or something that is not an AMQP client.`;
    case 'clean':
      return `${who} closed in an orderly way (the client sent an AMQP close).${unacked}`;
    case 'connection-error':
      return `The broker closed ${who} with a connection error; its own words are below.${unacked}`;
  }
}

const CHANNEL_FIX: Record<ChannelErrorKind, string> = {
  'unknown-delivery-tag':
    'The client acknowledged a delivery tag the channel does not hold — an ack sent twice, an ack on another channel than the delivery came on, or an ack after the channel was reopened. Fix: ack each delivery exactly once, on the channel it arrived on.',
  'ack-timeout':
    'A delivery stayed unacknowledged longer than the consumer timeout. Fix: ack sooner (finish or hand off long work, then ack), move long work off the consumer, or raise the queue\'s timeout deliberately (x-consumer-timeout argument or consumer-timeout policy).',
  'inequivalent-arg':
    'The client declared a queue or exchange with different properties (durable, arguments) from the one that exists. Fix: declare it exactly as it exists, or delete and recreate it deliberately.',
  'message-too-large':
    "A published message was larger than the broker's max_message_size and was not stored. Fix: keep large payloads elsewhere (object storage) and send a reference, or raise max_message_size deliberately.",
  'not-found': 'The channel used a queue or exchange that does not exist. Fix: declare it before use, or correct its name.',
  'access-refused': "The user may not do this on this resource. Fix the user's permissions (configure, write, read patterns).",
  'resource-locked': 'The queue is exclusive to another connection. Fix: use a queue of this connection, or make the queue non-exclusive.',
  other: "The broker's own words are below.",
};

/** What a channel the broker closed means, and the fix. */
export function explainChannelClose(who: string, f: ChannelFinding, ctx: { unacked: number | null; queue: string | null; timeoutMs: number | null }): string {
  const where = `channel ${f.channel} of ${who}${ctx.queue ? ` (consuming from ${ctx.queue})` : ''}`;
  const what =
    f.errorKind === 'ack-timeout'
      ? `The broker closed ${where}: a delivery was not acknowledged within the consumer timeout${ctx.timeoutMs !== null ? ` of ${formatMs(ctx.timeoutMs)}` : ''}.`
      : `The broker closed ${where} with ${f.exception}.`;
  // The connection lives on; only the channel and its consumers are gone.
  const returned = ctx.unacked ? ` Its ${ctx.unacked} unacknowledged message${ctx.unacked === 1 ? '' : 's'} (at the last poll) went back to their queues, to be redelivered.` : '';
  return `${what}${returned} The connection stays open, so nothing else shows it unless the client handles the channel's close. ${CHANNEL_FIX[f.errorKind]}`;
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
