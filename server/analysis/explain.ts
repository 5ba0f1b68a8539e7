import { silenceBeforeClose, silenceBeforeCloseWords } from '../shared/silence-before-close';
import type { ClosedConnection } from './closures';
import { STATS_LAG_SEC } from './close-cause';

/**
 * Plain-language explanation of a closed connection: what happened, what it
 * means for its messages, the likely cause and the fix. Shown in the UI and,
 * later, sent in notifications, so it names everything a reader needs.
 */
export function explainClose(closed: ClosedConnection, evidence?: string): string {
  const k = closed.lastKnown;
  const who = `Connection "${k.name}" (${k.client}, user ${k.user}, vhost ${k.vhost})`;
  const hb = k.heartbeatTimeoutSec === null ? 'an unknown heartbeat timeout' : k.heartbeatTimeoutSec === 0 ? 'heartbeats disabled' : `a ${k.heartbeatTimeoutSec} s heartbeat timeout`;
  const silence = describeSilence(k.silenceSec, closed.projectedSilenceSec);
  const unacked =
    k.unacked > 0 ? ` It held ${k.unacked} unacknowledged message${k.unacked === 1 ? '' : 's'}; the broker redelivers them to another consumer.` : '';
  const seen = evidence ? ` ${evidence}` : '';
  if (closed.cause === 'heartbeat-suspected') {
    const fix =
      `Fix: move long work off the I/O thread or process (worker thread, separate process, or ack and hand off); do not just raise or disable heartbeats.`;
    if (closed.certainty === 'possible') {
      return (
        `${who} was dropped without a close handshake, with ${hb}.${silence}${unacked}${seen} ` +
        `Possible cause: missed heartbeats. The broker's byte counters reach its management API up to ${STATS_LAG_SEC} s late, so with a timeout this short a client that stopped sending looks the same as one that died or lost its network. ` +
        `If the client process was still running, the likely culprit is a message handler that blocks the client's I/O loop (a long synchronous task on the same thread or event loop). ${fix} ` +
        `If it was not, check its logs and restarts around this time.`
      );
    }
    return (
      `${who} closed with ${hb}.${silence}${unacked}${seen} ` +
      `Likely cause: the broker stopped hearing from the client and dropped it for missed heartbeats — typically a message handler that blocks the client's I/O loop (a long synchronous task on the same thread or event loop). ` +
      fix
    );
  }
  if (closed.cause === 'abrupt') {
    return (
      `${who} was dropped without a close handshake.${silence}${unacked}${seen} ` +
      `Likely cause: the client process died or was killed, or the network path was cut (a load balancer, NAT or firewall timing out the TCP connection). ` +
      `Check the client's logs and restarts around this time, and any idle timeouts between client and broker.`
    );
  }
  if (closed.cause === 'clean') {
    return (
      `${who} closed in an orderly way.${unacked}${seen} ` +
      `Either the client closed it, or an administrator force-closed it (management API or rabbitmqctl) — from outside the two look the same. ` +
      `With the broker's log exchange on (log.exchange = true in rabbitmq.conf), rabbitpulse shows which, with the reason given.`
    );
  }
  if (closed.cause === 'forced') {
    return (
      `${who} was most probably force-closed by an administrator or a tool (management API or rabbitmqctl).${unacked}${seen} ` +
      `Not a client fault; the client should reconnect. With the broker's log exchange on, the close carries the reason given.`
    );
  }
  return `${who} closed with ${hb}.${silence}${unacked}${seen} The broker gives no reason for a close. ${silenceVerdict(closed)}`;
}

/** A close seen only on the event exchange: it opened and closed between two polls, so its state is unknown. */
export function explainUnpolledClose(name: string, client: string | null, cause: string, evidence: string): string {
  const how =
    cause === 'abrupt' ? 'was dropped without a close handshake' : cause === 'clean' ? 'closed in an orderly way' : cause === 'forced' ? 'was most probably force-closed' : 'closed';
  return `Connection "${name}" (${client ?? 'unknown client'}) ${how} before any poll saw it. ${evidence} A connection this short-lived is often churn: an application opening a connection per message or per request instead of reusing one.`;
}

function silenceVerdict(closed: ClosedConnection): string {
  const t = closed.lastKnown.heartbeatTimeoutSec;
  if (closed.projectedSilenceSec === null) return 'Its inbound traffic was not known, so missed heartbeats can be neither suspected nor ruled out.';
  if (!t) return 'Heartbeats were off, so the broker could not have closed it for missed heartbeats.';
  return 'It was not silent long enough to suspect missed heartbeats.';
}

/** What we know of its silence, as a sentence (see silenceBeforeClose); empty when unknown. */
function describeSilence(atLastPoll: number | null, projected: number | null): string {
  const words = silenceBeforeCloseWords(silenceBeforeClose(atLastPoll, projected));
  return words ? ` It ${words}.` : '';
}
