import type { TargetRow } from '../live/rows';

/**
 * Every whitespace-separated term must appear in at least one field
 * (case-insensitive), so "orders prod" finds orders consumers in vhost prod.
 */
export function matchesFilter(query: string, fields: ReadonlyArray<string | null | undefined>): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = fields.map((f) => (f ?? '').toLowerCase());
  return terms.every((term) => haystack.some((field) => field.includes(term)));
}

/** The target selector and the text filter, applied together to cross-target rows. */
export function filterRows<R extends TargetRow<unknown>>(
  rows: readonly R[],
  targetId: string,
  query: string,
  fields: (item: R['item']) => ReadonlyArray<string | null | undefined>,
): R[] {
  return rows.filter((r) => (targetId === '' || r.targetId === targetId) && matchesFilter(query, fields(r.item)));
}
