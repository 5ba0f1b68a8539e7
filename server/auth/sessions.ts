import { newSecret, sha256 } from './tokens';

export interface Session {
  createdAt: number;
  expiresAt: number;
}

/**
 * Admin sessions, in memory: a restart signs admins out, which costs one
 * sign-in and keeps no session secret on disk. Keys are the SHA-256 of the
 * cookie value, so even a heap dump does not hold usable session ids.
 * Bounded: past `max` live sessions the oldest goes first.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly max = 1000,
  ) {}

  /** A new session; the returned id goes into the cookie and nowhere else. */
  create(): { id: string; session: Session } {
    this.prune();
    while (this.sessions.size >= this.max) this.sessions.delete(this.sessions.keys().next().value!);
    const id = newSecret();
    const at = this.now();
    const session = { createdAt: at, expiresAt: at + this.ttlMs };
    this.sessions.set(sha256(id), session);
    return { id, session };
  }

  get(id: string): Session | null {
    const key = sha256(id);
    const session = this.sessions.get(key);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return null;
    }
    return session;
  }

  delete(id: string): boolean {
    return this.sessions.delete(sha256(id));
  }

  get size(): number {
    return this.sessions.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(key);
  }
}
