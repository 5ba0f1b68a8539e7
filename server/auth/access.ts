import type { IncomingMessage } from 'node:http';
import type { AuthConfig } from '../config/schema';
import type { AuthMode } from '../contract';
import { authorize, roomOf, SESSION_COOKIE, VIEWER_COOKIE, type Credentials, type Principal } from './authorize';
import { serializeCookie } from './cookies';
import { parsePasswordHash, verifyPassword, type ScryptHash } from './password';
import { LoginRateLimiter } from './rate-limit';
import { foreignOriginReason, ownOrigin } from './same-origin';
import { SessionStore } from './sessions';
import { ViewerTokens, type ViewerTokenPersistence } from './viewer-tokens';

export type SignInResult =
  | { ok: true; cookie: string }
  | { ok: false; status: 401; error: string }
  | { ok: false; status: 429; error: string; retryAfterSec: number };

/** A viewer cookie outlives any TV's uptime; revoking the token is what ends it. Browsers cap Max-Age at 400 days. */
const VIEWER_COOKIE_MAX_AGE_SEC = 400 * 24 * 3600;

/**
 * Access control in one place: who a request is, sign-in and sign-out,
 * viewer tokens, and the cookies that carry them. Built once in the
 * composition root and handed to the HTTP API, the page gate and the socket.
 */
export class Access {
  readonly mode: AuthMode;
  private readonly sessions: SessionStore;
  private readonly limiter: LoginRateLimiter;
  private readonly password: ScryptHash | null;
  private readonly ended: Array<(room: string) => void> = [];

  private constructor(
    private readonly config: AuthConfig,
    readonly viewerTokens: ViewerTokens,
    now: () => number,
  ) {
    this.mode = config.mode;
    this.sessions = new SessionStore(config.sessionHours * 3_600_000, now);
    this.limiter = new LoginRateLimiter(config.loginAttemptsPerMinute, now);
    this.password = config.adminPasswordHash ? parsePasswordHash(config.adminPasswordHash) : null;
  }

  static async open(config: AuthConfig, store: ViewerTokenPersistence, now: () => number = Date.now): Promise<Access> {
    return new Access(config, await ViewerTokens.open(store, now), now);
  }

  principal(creds: Credentials): Principal {
    return authorize(creds, {
      mode: this.mode,
      hasSession: (id) => this.sessions.get(id) !== null,
      viewerTokenId: (secret) => this.viewerTokens.verify(secret)?.id ?? null,
      apiTokenHash: this.config.apiTokenHash,
    });
  }

  /** Who an HTTP request is; a `/wall?token=` query counts only where the caller passes it. */
  principalOf(req: IncomingMessage, token?: string): Principal {
    return this.principal({ cookie: req.headers.cookie, authorization: req.headers.authorization, token });
  }

  /**
   * Checks the admin password. Every attempt counts against the client's
   * budget before the (slow) check runs, so parallel guesses cannot slip
   * past the limit; a correct password clears the count.
   */
  async signIn(password: string, client: string, secure: boolean): Promise<SignInResult> {
    const decision = this.limiter.check(client);
    if (!decision.allowed) {
      return { ok: false, status: 429, retryAfterSec: decision.retryAfterSec, error: `too many sign-in attempts; try again in ${decision.retryAfterSec} s` };
    }
    this.limiter.fail(client);
    if (!this.password || !(await verifyPassword(password, this.password))) return { ok: false, status: 401, error: 'wrong password' };
    this.limiter.succeed(client);
    const { id } = this.sessions.create();
    return { ok: true, cookie: serializeCookie(SESSION_COOKIE, id, { maxAgeSec: this.config.sessionHours * 3600, secure }) };
  }

  /** Ends the session (if any) and returns the cookies that clear both of ours. */
  signOut(principal: Principal, secure: boolean): string[] {
    if (principal.role === 'admin' && principal.via === 'session') {
      this.sessions.delete(principal.sessionId);
      this.notifyEnded(roomOf(principal));
    }
    return [SESSION_COOKIE, VIEWER_COOKIE].map((name) => serializeCookie(name, '', { maxAgeSec: 0, secure }));
  }

  viewerCookie(secret: string, secure: boolean): string {
    return serializeCookie(VIEWER_COOKIE, secret, { maxAgeSec: VIEWER_COOKIE_MAX_AGE_SEC, secure });
  }

  async revokeViewerToken(id: string): Promise<boolean> {
    const revoked = await this.viewerTokens.revoke(id);
    if (revoked) this.notifyEnded(`viewer:${id}`);
    return revoked;
  }

  /** Called with a socket.io room whenever the credential behind it stops being valid. */
  onCredentialEnded(listener: (room: string) => void): void {
    this.ended.push(listener);
  }

  /** The address sign-in attempts are counted against. */
  clientAddress(req: IncomingMessage): string {
    if (this.config.trustProxy) {
      // The proxy appends the address it saw; anything left of it came from the client and may be forged.
      const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean).pop();
      if (forwarded) return forwarded;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  /** Whether cookies must be `Secure`: configured so, or a trusted proxy says the browser used https. */
  isSecure(req: IncomingMessage): boolean {
    return this.config.secureCookies || (this.config.trustProxy && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https');
  }

  /** Why this request did not come from rabbitpulse's own pages, or null when it may have (see same-origin.ts). */
  foreignOrigin(req: IncomingMessage): string | null {
    return foreignOriginReason(req.headers, ownOrigin(req.headers, { trustProxy: this.config.trustProxy, secure: this.isSecure(req) }));
  }

  private notifyEnded(room: string | null): void {
    if (room) for (const listener of this.ended) listener(room);
  }
}
