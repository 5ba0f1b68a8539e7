/**
 * What a RabbitMQ version honours of the consumer timeout settings (shared by
 * server/analysis/consumer-timeout.ts and the connection page's note):
 *
 * - before 3.11.15, only the broker-wide `consumer_timeout` (default 30 min
 *   since 3.8.17). A queue's `x-consumer-timeout` argument is accepted but
 *   ignored — measured on 3.10.8: a delivery held 150 s on a queue declared
 *   with `x-consumer-timeout: 20000` was not timed out — and a policy with
 *   `consumer-timeout` is refused ("not recognised policy settings").
 * - from 3.11.15, per queue: the `x-consumer-timeout` argument and the
 *   policy's `consumer-timeout` key, the smaller when both are set, else the
 *   broker-wide value.
 * - from 4.3, only quorum queues enforce it; classic queues and streams never
 *   time a delivery out.
 */
export type TimeoutRules = 'broker-wide' | 'per-queue' | 'quorum-only';

/**
 * From the broker's version, e.g. `3.10.8` or `4.3.0-rc.1`. An unknown or
 * unreadable version is taken as 3.11.15–4.2, where every setting counts: it
 * shows the countdown the user configured rather than none.
 */
export function timeoutRulesOf(version: string | null): TimeoutRules {
  const m = version ? /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version) : null;
  if (!m) return 'per-queue';
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (major > 4 || (major === 4 && minor >= 3)) return 'quorum-only';
  if (major < 3 || (major === 3 && (minor < 11 || (minor === 11 && patch < 15)))) return 'broker-wide';
  return 'per-queue';
}
