import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password';
import { sha256 } from '../../../server/auth/tokens';
import { loadConfig, parseConfig } from '../../../server/config/load';

describe('access settings in the config', () => {
  it('defaults to sign-in with a password, and keeps only hashes of secrets from the environment', () => {
    expect(loadConfig([], {}).auth).toMatchObject({ mode: 'password', adminPasswordHash: null, apiTokenHash: null, frameAncestors: [] });
    const config = loadConfig([], { RABBITPULSE_ADMIN_PASSWORD: 'correct horse battery', RABBITPULSE_API_TOKEN: 'a'.repeat(32) });
    expect(config.auth.adminPasswordHash).toMatch(/^scrypt\$/);
    expect(config.auth.apiTokenHash).toBe(sha256('a'.repeat(32)));
    expect(JSON.stringify(config)).not.toContain('correct horse battery');
    expect(JSON.stringify(config)).not.toContain('a'.repeat(32));
  });

  it('takes the mode from RABBITPULSE_AUTH over the file', () => {
    expect(loadConfig([], { RABBITPULSE_AUTH: 'none' }).auth.mode).toBe('none');
    expect(() => loadConfig([], { RABBITPULSE_AUTH: 'off' })).toThrow('environment: RABBITPULSE_AUTH: must be password or none (got "off")');
  });

  it('accepts a hash made by hash-password, and refuses anything else without echoing it', () => {
    const hash = hashPassword('correct horse battery');
    expect(parseConfig({ auth: { adminPasswordHash: hash }, targets: [{ id: 'a' }] }, 'test').auth.adminPasswordHash).toBe(hash);
    expect(() => parseConfig({ auth: { adminPasswordHash: 'my-plain-password' }, targets: [{ id: 'a' }] }, 'test')).toThrow(
      'test: auth.adminPasswordHash: must be a hash made by `npm run hash-password` (scrypt$N$r$p$salt$hash) (got "***")',
    );
  });

  it('refuses short secrets from the environment without echoing them', () => {
    expect(() => loadConfig([], { RABBITPULSE_API_TOKEN: 'short-token' })).toThrow(/RABBITPULSE_API_TOKEN: must be at least 20 characters/);
    try {
      loadConfig([], { RABBITPULSE_ADMIN_PASSWORD: 'hunter2' });
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
  });

  it('allows framing /wall only by origins', () => {
    expect(parseConfig({ auth: { frameAncestors: ['https://intranet.example.com', "'self'"] }, targets: [{ id: 'a' }] }, 'test').auth.frameAncestors).toEqual([
      'https://intranet.example.com',
      "'self'",
    ]);
    expect(() => parseConfig({ auth: { frameAncestors: ["https://x.example; script-src 'unsafe-inline'"] }, targets: [{ id: 'a' }] }, 'test')).toThrow(
      /auth\.frameAncestors\[0\]: must be an origin such as https:\/\/intranet\.example\.com/,
    );
  });
});
