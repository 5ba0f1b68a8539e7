/**
 * The chart ranges the dashboard offers. One list for both sides: the picker
 * draws these, and GET /api/v1/targets/{id}/history accepts exactly these, so
 * a range added here is offered and served at once. Pure (the UI imports it).
 */

export const RANGE_IDS = ['15m', '1h', '6h', '24h', '7d'] as const;
export type RangeId = (typeof RANGE_IDS)[number];

/** Each range's span in milliseconds. */
export const RANGE_MS: Record<RangeId, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};

export function isRangeId(value: unknown): value is RangeId {
  return typeof value === 'string' && (RANGE_IDS as readonly string[]).includes(value);
}
