const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

/**
 * Failed sign-ins per client address in a sliding one-minute window. Only
 * failures count, so an admin who types the password right is never held
 * up by their own earlier successes. Bounded: past `maxClients` addresses
 * the one seen longest ago is forgotten.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 10_000,
  ) {}

  check(client: string): RateDecision {
    const recent = this.recent(client);
    if (recent.length < this.perMinute) return { allowed: true };
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - this.now()) / 1000)) };
  }

  fail(client: string): void {
    const recent = this.recent(client);
    recent.push(this.now());
    if (recent.length > this.perMinute) recent.shift();
    // Re-insert so the Map's order is "least recently failed first".
    this.failures.delete(client);
    this.failures.set(client, recent);
    while (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }

  private recent(client: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.failures.get(client) ?? []).filter((at) => at > cutoff);
    if (list.length === 0) this.failures.delete(client);
    return list;
  }
}
