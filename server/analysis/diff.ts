/**
 * Which items of a keyed list changed between two polls. Comparison is by
 * serialised value: rows are small plain data, and this keeps the rule
 * "anything visible changed → resend the row" impossible to get wrong as
 * fields are added. `keyOf` may leave out fields the receiver derives itself.
 * Returns the new index for the next call.
 */
export function diffById<T extends { id: string }>(
  previous: ReadonlyMap<string, { item: T; key: string }>,
  next: readonly T[],
  keyOf: (item: T) => string = (item) => JSON.stringify(item),
): { upserts: T[]; removals: string[]; index: Map<string, { item: T; key: string }> } {
  const index = new Map<string, { item: T; key: string }>();
  const upserts: T[] = [];
  for (const item of next) {
    const key = keyOf(item);
    index.set(item.id, { item, key });
    if (previous.get(item.id)?.key !== key) upserts.push(item);
  }
  const removals: string[] = [];
  for (const id of previous.keys()) if (!index.has(id)) removals.push(id);
  return { upserts, removals, index };
}
