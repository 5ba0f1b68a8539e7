import type { ClosedConnection } from './closures';

/**
 * Plain-language explanation of a closed connection: what happened, what it
 * means for its messages, the likely cause and the fix. Shown in the UI and,
 * later, sent in notifications, so it names everything a reader needs.
 */
export function explainClose(closed: ClosedConnection): string {
  const k = closed.lastKnown;
  const who = `Connection "${k.name}" (${k.client}, user ${k.user}, vhost ${k.vhost})`;
  const hb = k.heartbeatTimeoutSec === null ? 'an unknown heartbeat timeout' : k.heartbeatTimeoutSec === 0 ? 'heartbeats disabled' : `a ${k.heartbeatTimeoutSec} s heartbeat timeout`;
  const silence = closed.projectedSilenceSec === null ? '' : ` It had sent nothing for about ${closed.projectedSilenceSec.toFixed(0)} s.`;
  const unacked =
    k.unacked > 0 ? ` It held ${k.unacked} unacknowledged message${k.unacked === 1 ? '' : 's'}; the broker redelivers them to another consumer.` : '';
  if (closed.cause === 'heartbeat-suspected') {
    return (
      `${who} closed with ${hb}.${silence}${unacked} ` +
      `Likely cause: the broker stopped hearing from the client and dropped it for missed heartbeats — typically a message handler that blocks the client's I/O loop (a long synchronous task on the same thread or event loop). ` +
      `Fix: move long work off the I/O thread or process (worker thread, separate process, or ack and hand off); do not just raise or disable heartbeats.`
    );
  }
  return `${who} closed with ${hb}.${silence}${unacked} The management API gives no reason for a close. ${silenceVerdict(closed)}`;
}

function silenceVerdict(closed: ClosedConnection): string {
  const t = closed.lastKnown.heartbeatTimeoutSec;
  if (closed.projectedSilenceSec === null) return 'Its inbound traffic was not known, so missed heartbeats can be neither suspected nor ruled out.';
  if (!t) return 'Heartbeats were off, so the broker could not have closed it for missed heartbeats.';
  return 'It was not silent long enough to suspect missed heartbeats.';
}
