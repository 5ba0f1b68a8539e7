import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../../server/auth/password';
import { accessProblem, isLoopbackHost } from '../../../server/auth/policy';
import { SessionStore } from '../../../server/auth/sessions';
import type { AuthConfig } from '../../../server/config/schema';

describe('admin password hashes', () => {
  it('verify the right password only, and parse only the documented format', async () => {
    const hash = hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const parsed = parsePasswordHash(hash)!;
    await expect(verifyPassword('correct horse battery', parsed)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', parsed)).resolves.toBe(false);
    expect(parsePasswordHash('correct horse battery')).toBeNull();
    expect(parsePasswordHash(hash.replace('32768', '1000'))).toBeNull(); // N must be a power of two
    expect(parsePasswordHash(hash.replace('32768', String(2 ** 24)))).toBeNull(); // and not absurdly large
  });
});

describe('SessionStore', () => {
  it('finds a session by its id until it expires, and never by anything else', () => {
    let now = 0;
    const store = new SessionStore(1000, () => now);
    const { id } = store.create();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.get(id)).not.toBeNull();
    expect(store.get(id.slice(1))).toBeNull();
    now = 999;
    expect(store.get(id)).not.toBeNull();
    now = 1000;
    expect(store.get(id)).toBeNull();
  });

  it('signs out one session without touching others, and stays bounded', () => {
    const store = new SessionStore(1000, () => 0, 2);
    const a = store.create().id;
    const b = store.create().id;
    expect(store.delete(a)).toBe(true);
    expect(store.get(b)).not.toBeNull();
    store.create();
    store.create();
    expect(store.size).toBe(2);
    expect(store.get(b)).toBeNull(); // the oldest went first
  });
});

describe('access policy at start-up', () => {
  const auth = (patch: Partial<AuthConfig>): AuthConfig => ({
    mode: 'password',
    adminPasswordHash: null,
    apiTokenHash: null,
    sessionHours: 12,
    loginAttemptsPerMinute: 5,
    secureCookies: false,
    trustProxy: false,
    frameAncestors: [],
    ...patch,
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('treats %s as loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each(['0.0.0.0', '::', '10.0.0.5', 'rabbitpulse.example.com'])('does not treat %s as loopback', (host) => expect(isLoopbackHost(host)).toBe(false));

  it('allows no-auth mode on loopback only, naming the setting and the fix otherwise', () => {
    expect(accessProblem(auth({ mode: 'none' }), '127.0.0.1')).toBeNull();
    const problem = accessProblem(auth({ mode: 'none' }), '0.0.0.0')!;
    expect(problem).toMatch(/^auth\.mode: /);
    expect(problem).toContain('"0.0.0.0"');
    expect(problem).toContain('HOST=127.0.0.1');
    expect(problem).toContain('RABBITPULSE_ADMIN_PASSWORD');
  });

  it('requires a password in password mode, and says how to set one', () => {
    expect(accessProblem(auth({}), '127.0.0.1')).toMatch(/^auth\.adminPasswordHash: no admin password is set; set RABBITPULSE_ADMIN_PASSWORD .*npm run hash-password/);
    expect(accessProblem(auth({ adminPasswordHash: hashPassword('x'.repeat(8)) }), '0.0.0.0')).toBeNull();
  });
});
