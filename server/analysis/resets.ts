import type { CloseCause } from '../contract';

/** What amqplib told us when a probe connection failed or closed. */
export interface ProbeFailure {
  cause: CloseCause;
  /** AMQP reply code, if the broker sent one. */
  code?: number;
  /** The library's or broker's own words. */
  detail: string;
}

/**
 * Classifies an amqplib error into a cause. amqplib reports (DESIGN.md §2):
 * we stopped hearing the server → `Heartbeat timeout`; the broker dropped TCP
 * → `ECONNRESET`; admin or shutdown → close with code 320 and the text;
 * channel errors → code 406 etc. `phase` says whether we were connecting (so
 * a refusal is about reachability or credentials) or already connected.
 */
export function classifyProbeError(err: unknown, phase: 'connect' | 'connected' | 'channel'): ProbeFailure {
  const e = (err ?? {}) as { message?: string; code?: unknown; errno?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'number' ? e.code : undefined;
  const sysCode = typeof e.code === 'string' ? e.code : undefined;
  const detail = message.split('\n')[0]!.slice(0, 500);

  if (/Heartbeat timeout/i.test(message)) return { cause: 'client-heartbeat-timeout', detail };
  // A node going down closes every connection with 320 and says why: "broker forced connection closure with reason 'shutdown'".
  if ((code === 320 || /CONNECTION[_-]FORCED/i.test(message)) && /reason 'shutdown'/i.test(message)) return { cause: 'shutdown', code: 320, detail };
  if (code === 320 || /CONNECTION[_-]FORCED/i.test(message)) return { cause: 'forced', code: 320, detail };
  if (code === 403 || /ACCESS[_-]REFUSED|Handshake terminated by server: 403/i.test(message)) return { cause: 'auth-failure', code: 403, detail };
  // Only a channel's own close is a channel error; amqplib puts reply codes on connection closes too (541 etc.).
  if (phase === 'channel' && code !== undefined) return { cause: 'channel-error', code, detail };
  if (code !== undefined) return { cause: 'unknown', code, detail };
  if (sysCode === 'ECONNREFUSED') return { cause: 'refused', detail };
  if (sysCode === 'ECONNRESET' || sysCode === 'EPIPE' || /Unexpected close|socket hang up|ECONNRESET/i.test(message)) {
    // During the handshake a reset usually means "not an AMQP listener" or a proxy; once up, the broker dropped us.
    return { cause: phase === 'connect' ? 'unreachable' : 'reset-by-broker', detail };
  }
  if (sysCode && /^(ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)$/.test(sysCode)) return { cause: 'unreachable', detail };
  if (/timed? ?out/i.test(message)) return { cause: 'unreachable', detail };
  if (phase === 'channel') return { cause: 'channel-error', detail };
  return { cause: 'unknown', detail };
}

/** Plain explanation of a probe reset: what it means and what to check. */
export function explainProbeFailure(target: string, f: ProbeFailure): string {
  const said = f.detail ? ` (${f.detail})` : '';
  switch (f.cause) {
    case 'client-heartbeat-timeout':
      return `rabbitpulse's probe to ${target} stopped hearing from the broker for two heartbeat intervals${said}. The broker or the network path from it stalled: check broker load, GC pauses, and any proxy or firewall between.`;
    case 'reset-by-broker':
      return `The probe connection to ${target} was reset${said}. The broker dropped the socket without a close handshake — often because it saw missed heartbeats from us, or a load balancer or firewall cut an idle connection.`;
    case 'forced':
      return `The broker force-closed the probe connection to ${target}${said}: an administrator closed it through the management API or CLI.`;
    case 'shutdown':
      return `The broker node of ${target} is shutting down or restarting and closed the probe's connection${said}; every client connection on that node went with it. The probe reconnects when the node is back.`;
    case 'channel-error':
      return `The broker closed a probe channel on ${target}${said}. The connection survives; the broker refused an operation.`;
    case 'refused':
      return `Nothing accepts AMQP connections on ${target}${said}: the broker is down or restarting, or the port is wrong.`;
    case 'unreachable':
      return `The probe cannot reach ${target}${said}: check DNS, routing and firewalls.`;
    case 'auth-failure':
      return `The broker refused the probe's credentials on ${target}${said}: check the user name, password and vhost permissions in the target's amqpUrl.`;
    default:
      return `The probe connection to ${target} failed${said}.`;
  }
}
