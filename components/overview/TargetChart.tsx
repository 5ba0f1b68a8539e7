'use client';

import { useEffect, useMemo, useState } from 'react';
import type { TargetSample } from '../../server/contract';
import { isRangeId, RANGE_MS, type RangeId } from '../../server/shared/chart-ranges';
import { isLiveRange, liveCovers, mergeSeries, RANGE_LABEL } from '../charts/chart-range';
import { RangePicker } from '../charts/RangePicker';
import { TimeSeriesChart, type SeriesDef } from '../charts/TimeSeriesChart';
import { useTargetHistory } from '../charts/useTargetHistory';
import { fmtDateTime, fmtDayHourMinute, fmtHourMinute, fmtInt } from '../format';
import { useLiveStatus, useNowTick } from '../live/LiveStateProvider';

const CHART_SERIES: SeriesDef<TargetSample>[] = [
  { key: 'unacked', label: 'Unacked', color: 'var(--chart-1)', format: fmtInt },
  { key: 'connections', label: 'Connections', color: 'var(--chart-2)', axis: 'right', format: fmtInt },
];

const RANGE_STORAGE_KEY = 'rabbitpulse-chart-range';
const DEFAULT_RANGE: RangeId = '1h';

/**
 * The per-target "unacked and connections" chart with its range picker.
 * Ranges up to an hour draw the live points (filled in from the stored
 * history where the live stream has not covered the range yet, e.g. after a
 * restart); longer ones draw the stored history, refreshed every 30 s.
 */
export function TargetChart({ targetId, targetName, live, serverTime }: { targetId: string; targetName: string; live: readonly TargetSample[]; serverTime: number }) {
  const [range, setRange] = useChartRange();
  const now = useNowTick();
  const { lastMessageAt } = useLiveStatus();
  // Samples carry the server's clock, which the browser's may not match: the axis ends at the server's
  // time of the last message, advanced by the browser's clock since it came.
  const end = Math.max(serverTime + (lastMessageAt === null ? 0 : Math.max(0, now - lastMessageAt)), live[live.length - 1]?.at ?? 0);
  const covered = liveCovers(range, live, end);
  const history = useTargetHistory(targetId, range, !covered);
  // TimeSeriesChart breaks the line where points are missing (e.g. while rabbitpulse was stopped).
  const points = useMemo(() => mergeSeries(range, history.samples, history.resolution, live, end), [range, history.samples, history.resolution, live, end]);
  const liveRange = isLiveRange(range);
  const resolution = liveRange ? 'raw' : history.resolution;
  const resolutionText =
    resolution === null ? (history.status === 'error' ? 'no stored history' : 'loading…') : resolution === 'raw' ? 'every poll' : '1-minute peaks';
  // Where rabbitpulse has no points yet (a new install, a fresh history), the axis starts at the first one
  // rather than drawing a range of empty space; the head says from when.
  const rangeStart = end - RANGE_MS[range];
  const firstAt = points[0]?.at ?? rangeStart;
  const clipped = points.length >= 2 && firstAt > rangeStart + RANGE_MS[range] * 0.02;
  const domain = useMemo(() => [clipped ? firstAt : rangeStart, end] as const, [clipped, firstAt, rangeStart, end]);

  const emptyText =
    history.status === 'loading' && !liveRange
      ? `Loading the last ${RANGE_LABEL[range]} from the history…`
      : history.status === 'error' && !liveRange
        ? (history.error ?? 'Stored history unavailable.')
        : liveRange
          ? 'The chart fills in as polls arrive (one point every few seconds).'
          : `No stored points in the last ${RANGE_LABEL[range]} yet: rabbitpulse writes one per poll and rolls them up each minute.`;

  return (
    <>
      <div className="chart-head">
        <h3 className="section-title">Unacked and connections</h3>
        <RangePicker value={range} onChange={setRange} label={`Chart range for ${targetName}`} />
      </div>
      <p className="chart-meta">
        <span
          className="chart-resolution"
          data-testid="chart-resolution"
          data-resolution={resolution ?? 'none'}
          title={
            resolution === '1m'
              ? 'Older than the raw retention: one point per minute, the highest unacked and connection count in that minute'
              : 'One point per poll'
          }
        >
          {liveRange ? 'live · ' : ''}
          {resolutionText}
        </span>
        {clipped ? (
          <span className="chart-since" data-testid="chart-since" title={`rabbitpulse has points for this target from ${fmtDateTime(firstAt)} on`}>
            since {RANGE_MS[range] > 24 * 3_600_000 ? fmtDayHourMinute(firstAt) : fmtHourMinute(firstAt)}
          </span>
        ) : null}
      </p>
      {history.status === 'error' && liveRange && !covered ? <p className="chart-note muted small">{history.error} Showing the live points only.</p> : null}
      <TimeSeriesChart
        data={points}
        series={CHART_SERIES}
        height={170}
        xDomain={domain}
        label={`Unacked messages and connection count over the last ${RANGE_LABEL[range]} for ${targetName}`}
        emptyText={emptyText}
      />
    </>
  );
}

/** The chosen range, remembered in this browser (read after mount, so the server render never guesses). */
function useChartRange(): [RangeId, (range: RangeId) => void] {
  const [range, setRange] = useState<RangeId>(DEFAULT_RANGE);
  useEffect(() => {
    try {
      const stored = localStorage.getItem(RANGE_STORAGE_KEY);
      if (isRangeId(stored)) setRange(stored);
    } catch {
      // Storage may be off (private mode, policies): the default will do.
    }
  }, []);
  const choose = (next: RangeId) => {
    setRange(next);
    try {
      localStorage.setItem(RANGE_STORAGE_KEY, next);
    } catch {
      // Not remembered; still applied.
    }
  };
  return [range, choose];
}
