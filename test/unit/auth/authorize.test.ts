import { describe, expect, it } from 'vitest';
import { authorize, may, SESSION_COOKIE, VIEWER_COOKIE, type AuthLookups, type Credentials } from '../../../server/auth/authorize';
import { sha256 } from '../../../server/auth/tokens';

const API_TOKEN = 'api-token-for-scripts-0123456789';
const lookups: AuthLookups = {
  mode: 'password',
  hasSession: (id) => id === 'good-session',
  viewerTokenId: (secret) => (secret === 'rpv_good' ? 'tv-1' : null),
  apiTokenHash: sha256(API_TOKEN),
};

describe('authorize', () => {
  const cases: Array<{ case: string; creds: Credentials; role: string; via?: string }> = [
    { case: 'nothing', creds: {}, role: 'none' },
    { case: 'a live session cookie', creds: { cookie: `${SESSION_COOKIE}=good-session` }, role: 'admin', via: 'session' },
    { case: 'an unknown session cookie', creds: { cookie: `${SESSION_COOKIE}=forged` }, role: 'none' },
    { case: 'the API token as bearer', creds: { authorization: `Bearer ${API_TOKEN}` }, role: 'api', via: 'bearer' },
    { case: 'a wrong bearer', creds: { authorization: 'Bearer nope' }, role: 'none' },
    { case: 'basic auth is not a bearer', creds: { authorization: `Basic ${Buffer.from(`x:${API_TOKEN}`).toString('base64')}` }, role: 'none' },
    { case: 'a viewer token as bearer', creds: { authorization: 'Bearer rpv_good' }, role: 'viewer', via: 'bearer' },
    { case: 'a viewer cookie', creds: { cookie: `other=1; ${VIEWER_COOKIE}=rpv_good` }, role: 'viewer', via: 'cookie' },
    { case: 'a revoked viewer cookie', creds: { cookie: `${VIEWER_COOKIE}=rpv_revoked` }, role: 'none' },
    { case: 'a viewer token from the wall link or handshake', creds: { token: 'rpv_good' }, role: 'viewer', via: 'token' },
    { case: 'session wins over a viewer cookie', creds: { cookie: `${VIEWER_COOKIE}=rpv_good; ${SESSION_COOKIE}=good-session` }, role: 'admin', via: 'session' },
    { case: 'a bad session falls through to a good viewer cookie', creds: { cookie: `${SESSION_COOKIE}=forged; ${VIEWER_COOKIE}=rpv_good` }, role: 'viewer', via: 'cookie' },
  ];
  it.each(cases)('$case → $role', ({ creds, role, via }) => {
    const p = authorize(creds, lookups);
    expect(p.role).toBe(role);
    if (via) expect((p as { via: string }).via).toBe(via);
  });

  it('makes everyone admin in no-auth mode', () => {
    expect(authorize({}, { ...lookups, mode: 'none' })).toEqual({ role: 'admin', via: 'no-auth' });
  });

  it('lets viewers read only, and only admin and API manage access', () => {
    expect(['admin', 'api', 'viewer', 'none'].map((r) => [may(r as never, 'read'), may(r as never, 'write'), may(r as never, 'manage-access')])).toEqual([
      [true, true, true],
      [true, true, true],
      [true, false, false],
      [false, false, false],
    ]);
  });
});
