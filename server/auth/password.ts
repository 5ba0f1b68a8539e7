import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Admin password hashes: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`.
 * scrypt is deliberately slow and memory-hard, so a stolen hash is expensive
 * to guess; verification runs on libuv's thread pool (async), never on the
 * event loop that serves sockets and probes.
 */
const DEFAULT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

export interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Parses a stored hash; null when it is not in the documented format. */
export function parsePasswordHash(text: string): ScryptHash | null {
  const m = FORMAT.exec(text.trim());
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N must be a power of two above 1; bounds keep a hostile hash from asking for gigabytes.
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

/** Hashes a password synchronously (start-up and the hash-password script only). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, options(DEFAULT.N, DEFAULT.r, DEFAULT.p));
  return `scrypt$${DEFAULT.N}$${DEFAULT.r}$${DEFAULT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against a parsed hash in constant time. */
export function verifyPassword(password: string, stored: ScryptHash): Promise<boolean> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), stored.salt, stored.hash.length, options(stored.N, stored.r, stored.p), (err, key) => {
      if (err) reject(err);
      else resolve(timingSafeEqual(key, stored.hash));
    });
  });
}

/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is too low for N = 2^15, r = 8 plus overhead. */
function options(N: number, r: number, p: number): ScryptOptions {
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}
