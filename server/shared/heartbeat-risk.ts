/**
 * How close a connection is to being dropped for missed heartbeats, judged
 * from what the broker's management API shows (measured here on RabbitMQ
 * 3.10 with amqplib clients):
 *
 * - An idle amqplib client sends one heartbeat per full timeout (its "sent
 *   since last check" flag skips every other half-interval beat), so a healthy
 *   idle connection's inbound counter is routinely still for about a whole
 *   timeout. Warning at half the timeout would flag every idle client.
 * - The counter we read lags the wire by up to two 5 s stats intervals
 *   (STATS_LAG_SEC in close-cause.ts), so the silence we measure is *shorter*
 *   than the real one: a measured silence beyond the timeout means the client
 *   really has missed a beat.
 * - The broker checks the counter once per timeout and drops the connection
 *   after two checks without movement: 2–3 × timeout after the last byte
 *   (9 s for a 3 s timeout, 15 s for 5 s, measured). By then the measured
 *   silence has reached only about 1.6 × timeout for short timeouts, and
 *   sometimes less than one timeout (4 s of 15 for a 5 s timeout, seen).
 *
 * So: warn once the measured silence exceeds the timeout by a little slack
 * (a fifth of the timeout, between 1 and 5 s, for poll and timer jitter);
 * critical from 1.5 × the timeout, when the broker's next check may drop it.
 */
export type HeartbeatRisk = 'ok' | 'warn' | 'crit';

export function heartbeatRisk(timeoutSec: number | null, silenceSec: number | null): HeartbeatRisk | null {
  if (!timeoutSec || timeoutSec <= 0 || silenceSec === null) return null;
  if (silenceSec > criticalSilenceSec(timeoutSec)) return 'crit';
  if (silenceSec > warnSilenceSec(timeoutSec)) return 'warn';
  return 'ok';
}

const slackSec = (timeoutSec: number) => Math.min(5, Math.max(1, timeoutSec / 5));

/** Silence above this is a warning. */
export function warnSilenceSec(timeoutSec: number): number {
  return timeoutSec + slackSec(timeoutSec);
}

/** Silence above this is critical: the broker may drop the connection at its next check. */
export function criticalSilenceSec(timeoutSec: number): number {
  return Math.max(1.5 * timeoutSec, timeoutSec + 2 * slackSec(timeoutSec));
}
