import { randomUUID } from 'node:crypto';
import type { ViewerTokenInfo } from '../contract';
import { newSecret, sha256 } from './tokens';

/** A viewer token as stored: the SHA-256 of the secret, never the secret. */
export interface ViewerTokenRecord extends ViewerTokenInfo {
  secretHash: string;
}

/** Where viewer tokens live across restarts (the history database). Writes resolve once committed. */
export interface ViewerTokenPersistence {
  loadViewerTokens(): Promise<ViewerTokenRecord[]>;
  saveViewerToken(record: ViewerTokenRecord): Promise<void>;
  deleteViewerToken(id: string): Promise<void>;
}

export const VIEWER_TOKEN_PREFIX = 'rpv_';
const MAX_TOKENS = 200;
/** lastUsedAt is informative: write it back at most this often per token. */
const LAST_USED_WRITE_MS = 10 * 60_000;

export class ViewerTokenError extends Error {}

/**
 * Viewer tokens: read-only access for a TV or a colleague, created and
 * revoked by an admin. Every check is a lookup in memory by the secret's
 * hash (the database is read once at start), so a socket handshake or a
 * page request never waits on the disk.
 */
export class ViewerTokens {
  private readonly byHash = new Map<string, ViewerTokenRecord>();
  private readonly lastWritten = new Map<string, number>();

  private constructor(
    private readonly store: ViewerTokenPersistence,
    private readonly now: () => number,
  ) {}

  static async open(store: ViewerTokenPersistence, now: () => number = Date.now): Promise<ViewerTokens> {
    const tokens = new ViewerTokens(store, now);
    for (const r of await store.loadViewerTokens()) tokens.byHash.set(r.secretHash, r);
    return tokens;
  }

  /** Creates a token; the secret is returned here once and never stored. */
  async create(name: string): Promise<{ info: ViewerTokenInfo; secret: string }> {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (!clean || clean.length > 100) throw new ViewerTokenError('name the token (1–100 characters), e.g. "Team TV, 3rd floor"');
    if (this.byHash.size >= MAX_TOKENS) throw new ViewerTokenError(`there are already ${MAX_TOKENS} viewer tokens; revoke unused ones first`);
    const secret = newSecret(VIEWER_TOKEN_PREFIX);
    const record: ViewerTokenRecord = { id: randomUUID(), name: clean, createdAt: this.now(), lastUsedAt: null, secretHash: sha256(secret) };
    await this.store.saveViewerToken(record);
    this.byHash.set(record.secretHash, record);
    return { info: info(record), secret };
  }

  /** Newest first. */
  list(): ViewerTokenInfo[] {
    return [...this.byHash.values()].sort((a, b) => b.createdAt - a.createdAt).map(info);
  }

  /** Revokes at once: the record goes from memory before the database write completes. */
  async revoke(id: string): Promise<boolean> {
    const entry = [...this.byHash.entries()].find(([, r]) => r.id === id);
    if (!entry) return false;
    this.byHash.delete(entry[0]);
    this.lastWritten.delete(id);
    await this.store.deleteViewerToken(id);
    return true;
  }

  /** The token's record when the secret is a live viewer token, else null. */
  verify(secret: string): ViewerTokenRecord | null {
    if (!secret.startsWith(VIEWER_TOKEN_PREFIX)) return null;
    const record = this.byHash.get(sha256(secret));
    if (!record) return null;
    const at = this.now();
    record.lastUsedAt = at;
    if (at - (this.lastWritten.get(record.id) ?? 0) >= LAST_USED_WRITE_MS) {
      this.lastWritten.set(record.id, at);
      // Best effort: a lost lastUsedAt costs nothing but a stale "last used".
      this.store.saveViewerToken({ ...record }).catch(() => {});
    }
    return record;
  }
}

function info(r: ViewerTokenRecord): ViewerTokenInfo {
  return { id: r.id, name: r.name, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt };
}
