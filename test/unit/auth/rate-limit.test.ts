import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../../server/auth/rate-limit';

describe('LoginRateLimiter', () => {
  it('allows 5 failures a minute per address, then answers with how long to wait', () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter(5, () => now);
    for (let i = 0; i < 5; i++) {
      expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
      limiter.fail('10.0.0.1');
      now += 1000;
    }
    // The first failure was at 1_000_000; it leaves the window at 1_060_000.
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSec: 55 });
    expect(limiter.check('10.0.0.2')).toEqual({ allowed: true });
    now = 1_060_001;
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('forgets an address once it signs in', () => {
    const limiter = new LoginRateLimiter(2, () => 0);
    limiter.fail('a');
    limiter.fail('a');
    expect(limiter.check('a').allowed).toBe(false);
    limiter.succeed('a');
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('keeps at most maxClients addresses', () => {
    const limiter = new LoginRateLimiter(1, () => 0, 3);
    for (const ip of ['a', 'b', 'c', 'd']) limiter.fail(ip);
    expect(limiter.check('a').allowed).toBe(true); // forgotten: the oldest
    expect(limiter.check('d').allowed).toBe(false);
  });
});
