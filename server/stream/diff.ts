/**
 * Which items of a keyed list changed between two polls. Comparison is by
 * value over every field (sameData), so the rule "anything visible changed →
 * resend the row" cannot be got wrong as fields are added; `same` may leave
 * out fields the receiver derives itself. No serialised copy of each row is
 * made or kept: at 5,000 connections a JSON key per row cost the main thread
 * about 30 ms and 5 MB of garbage per poll (BENCHMARKS.md, CPU profile).
 * Returns the new index for the next call.
 */
export function diffById<T extends { id: string }>(
  previous: ReadonlyMap<string, T>,
  next: readonly T[],
  same: (a: T, b: T) => boolean = sameData,
): { upserts: T[]; removals: string[]; index: Map<string, T> } {
  const index = new Map<string, T>();
  const upserts: T[] = [];
  for (const item of next) {
    index.set(item.id, item);
    const before = previous.get(item.id);
    if (!before || !same(before, item)) upserts.push(item);
  }
  const removals: string[] = [];
  for (const id of previous.keys()) if (!index.has(id)) removals.push(id);
  return { upserts, removals, index };
}

/** Deep equality of plain data (what JSON can carry): same keys, same values, arrays in order. */
export function sameData(a: unknown, b: unknown, ignore?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key in ra) {
    if (ignore?.has(key) || ra[key] === undefined) continue;
    count++;
    if (!sameData(ra[key], rb[key])) return false;
  }
  for (const key in rb) if (!ignore?.has(key) && rb[key] !== undefined) count--;
  return count === 0;
}
