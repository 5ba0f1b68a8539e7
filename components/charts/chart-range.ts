import type { HistoryResponse, TargetSample } from '../../server/contract';
import { RANGE_MS, type RangeId } from '../../server/shared/chart-ranges';

/**
 * How the target charts show their ranges (the ranges themselves are shared
 * with the server, in server/shared/chart-ranges.ts), and how live points and
 * stored history are combined into one line. Pure: the fetching lives in
 * useTargetHistory.
 */

export const RANGE_LABEL: Record<RangeId, string> = { '15m': '15 min', '1h': '1 h', '6h': '6 h', '24h': '24 h', '7d': '7 d' };

/** Ranges short enough to draw from the points the live stream brings (the browser keeps about an hour). */
export function isLiveRange(range: RangeId): boolean {
  return RANGE_MS[range] <= RANGE_MS['1h'];
}

/** How the server answered GET /api/v1/targets/{id}/history. */
export type HistoryReply = HistoryResponse;
export type HistoryResolution = HistoryResponse['resolution'];

export function isHistoryReply(value: unknown): value is HistoryReply {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<HistoryReply>;
  return (v.resolution === 'raw' || v.resolution === '1m') && Array.isArray(v.samples);
}

/**
 * Live ranges: stored points older than the first live point, then the live
 * points (so a restart or a tab opened late still shows the whole range).
 * Longer ranges: the stored points, plus live points newer than the last
 * stored one when both are at poll resolution (so the line reaches "now"
 * between refreshes). Always cut to [end − range, end].
 */
export function mergeSeries(
  range: RangeId,
  history: readonly TargetSample[],
  resolution: HistoryResolution | null,
  live: readonly TargetSample[],
  end: number,
): TargetSample[] {
  const from = end - RANGE_MS[range];
  let merged: TargetSample[];
  if (isLiveRange(range)) {
    const firstLive = live[0]?.at ?? Infinity;
    merged = [...history.filter((s) => s.at < firstLive), ...live];
  } else {
    const lastStored = history[history.length - 1]?.at ?? -Infinity;
    merged = resolution === 'raw' ? [...history, ...live.filter((s) => s.at > lastStored)] : [...history];
  }
  return merged.filter((s) => s.at >= from && s.at <= end);
}

/** Whether the live points alone cover the range (then no history is needed). */
export function liveCovers(range: RangeId, live: readonly TargetSample[], end: number): boolean {
  if (!isLiveRange(range)) return false;
  const first = live[0];
  // One poll interval of slack: the oldest live point rarely sits exactly on the range's edge.
  const step = live.length > 1 ? (live[live.length - 1]!.at - first!.at) / (live.length - 1) : 0;
  return first !== undefined && first.at - step <= end - RANGE_MS[range];
}
