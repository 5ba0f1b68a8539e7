/**
 * How close a connection is to being dropped for missed heartbeats, judged
 * the way the broker judges (measured here on RabbitMQ 3.10 with amqplib):
 *
 * - An idle amqplib client sends one heartbeat per full timeout (its "sent
 *   since last check" flag skips every other half-interval beat), so a
 *   healthy idle connection's inbound bytes are routinely still for a whole
 *   timeout — and the broker's counter we read lags up to one 5 s stats
 *   interval on top. Warning at half the timeout would flag every idle client.
 * - The broker checks the counter once per timeout and drops the connection
 *   after two checks without movement: 2–3 × timeout after the last byte
 *   (9 s for a 3 s timeout, 15 s for 5 s, measured).
 *
 * So: warn once silence exceeds what any healthy client shows (timeout plus
 * the stats lag), critical once the broker's check may already fire.
 */
export const STATS_LAG_SEC = 5;

export type HeartbeatRisk = 'ok' | 'warn' | 'crit';

export function heartbeatRisk(timeoutSec: number | null, silenceSec: number | null): HeartbeatRisk | null {
  if (!timeoutSec || timeoutSec <= 0 || silenceSec === null) return null;
  if (silenceSec >= criticalSilenceSec(timeoutSec)) return 'crit';
  if (silenceSec >= warnSilenceSec(timeoutSec)) return 'warn';
  return 'ok';
}

export function warnSilenceSec(timeoutSec: number): number {
  return timeoutSec + STATS_LAG_SEC;
}

export function criticalSilenceSec(timeoutSec: number): number {
  return Math.max(2 * timeoutSec, warnSilenceSec(timeoutSec) + 1);
}
