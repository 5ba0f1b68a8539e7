/**
 * Version strings as client libraries report them in `client_properties.version`:
 * `1.2.3`, `1.2`, .NET's four parts `6.2.2.0`, and pre-releases in every
 * spelling the libraries use (`0.12.0b3`, `1.3.0rc1`, `1.6.1-rc.1`, `5.0.0a1`).
 * The text comes from the client, so anything else — `β`, `dev`, a 1 kB
 * string — parses to null and is then compared with nothing: an unreadable
 * version must never be reported as a defective one, and must never throw.
 */

export interface ClientVersion {
  /** The numeric parts, e.g. [1, 2, 3]; missing trailing parts count as 0 (`1.2` = `1.2.0`). */
  release: number[];
  /** Pre-release identifiers, e.g. `rc.1` → ['rc', 1]; empty for a release. */
  pre: Array<string | number>;
  /** PEP 440's `.postN` comes after its release, unlike every other suffix. */
  post: number | null;
}

/** Longer than any real version string; a longer one is not worth reading. */
const MAX_LENGTH = 64;
/**
 * `v1.2.3`, then an optional suffix — a letter straight after the digits
 * (`b3`, `rc1`) or anything after a `-` or `.` (`-rc.1`, `.post2`) — then
 * optional `+build` metadata (ignored, as semver says).
 */
const SHAPE = /^v?(\d{1,9}(?:\.\d{1,9}){0,4})(?:([a-z][0-9a-z]*(?:[-.][0-9a-z]+)*)|[-.]([0-9a-z]+(?:[-.][0-9a-z]+)*))?(?:\+[0-9a-z.-]+)?$/i;
const POST = /^post(\d{0,9})$/i;

export function parseClientVersion(raw: string | null | undefined): ClientVersion | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_LENGTH) return null;
  const m = SHAPE.exec(text);
  if (!m) return null;
  const release = m[1]!.split('.').map(Number);
  const suffix = m[2] ?? m[3];
  if (!suffix) return { release, pre: [], post: null };
  const post = POST.exec(suffix);
  if (post) return { release, pre: [], post: Number(post[1] || 0) };
  return { release, pre: identifiers(suffix), post: null };
}

/** `rc.1`, `rc1`, `b3`, `beta-2` → runs of letters and of digits: ['rc', 1], ['b', 3], ['beta', 2]. */
function identifiers(suffix: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of suffix.toLowerCase().match(/[a-z]+|\d+/g) ?? []) out.push(/^\d/.test(part) ? Number(part) : part);
  return out;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareClientVersions(a: ClientVersion, b: ClientVersion): number {
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  // Same release: pre-release < release < post-release.
  const rank = (v: ClientVersion) => (v.pre.length > 0 ? -1 : v.post !== null ? 1 : 0);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return Math.sign(byRank);
  if (a.post !== null && b.post !== null) return Math.sign(a.post - b.post);
  return comparePre(a.pre, b.pre);
}

/** Semver's rule for pre-release identifiers: numbers numerically, words by their letters, a number before a word, fewer before more. */
function comparePre(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/** A range of versions: from `from` (inclusive; no lower bound without it) to below `below`. */
export interface VersionRange {
  from?: string;
  below: string;
}

/** Whether the reported version lies in the range; false for a version that cannot be read. */
export function inVersionRange(reported: string | null, range: VersionRange): boolean {
  const v = parseClientVersion(reported);
  if (!v) return false;
  const below = parseClientVersion(range.below);
  const from = range.from === undefined ? null : parseClientVersion(range.from);
  // The table's own bounds are checked by its tests; a bad one matches nothing rather than everything.
  if (!below || (range.from !== undefined && !from)) return false;
  return compareClientVersions(v, below) < 0 && (from === null || compareClientVersions(v, from) >= 0);
}
