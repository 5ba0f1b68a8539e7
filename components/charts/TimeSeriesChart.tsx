'use client';

import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fmtClock, fmtDateTime, fmtDayHourMinute, fmtHourMinute } from '../format';
import { useHasMounted } from '../ui/useHasMounted';
import { withGaps } from './gaps';

export interface SeriesDef<T> {
  key: keyof T & string;
  label: string;
  /** A CSS colour; `var(--chart-…)` keeps both themes right. */
  color: string;
  axis?: 'left' | 'right';
  dashed?: boolean;
  /** Listed in the tooltip but not drawn: for values that would only mirror another line. */
  tooltipOnly?: boolean;
  /** A value held until the next one (e.g. "the last interval"): drawn as steps, not slopes. */
  step?: boolean;
  format: (value: number | null) => string;
}

export interface Reference {
  y: number;
  label: string;
  color: string;
}

interface Props<T extends { at: number }> {
  data: readonly T[];
  series: readonly SeriesDef<T>[];
  height?: number;
  /** Horizontal lines such as a heartbeat timeout, drawn on the left axis. */
  references?: readonly Reference[];
  /** Shown while there are too few points to draw a line. */
  emptyText: string;
  /** Screen-reader summary of what the chart shows. */
  label: string;
  leftTickFormat?: (value: number) => string;
  rightTickFormat?: (value: number) => string;
  /** Room for the left axis' labels, in px; widen it for units such as "280 ms". */
  yAxisWidth?: number;
  /** A fixed time axis (e.g. the chosen range) instead of first-to-last point. */
  xDomain?: readonly [number, number];
}

/**
 * A time chart for live series. Rendered only in the browser: recharts'
 * ResponsiveContainer measures its parent, which the server cannot do.
 * Animation is off because a point arrives every few seconds and a moving
 * line reads as a trend that is not there; lines are straight between points
 * because smoothing would invent values between polls, and broken where
 * points are missing (withGaps) because a line across a gap would too.
 */
export function TimeSeriesChart<T extends { at: number }>({
  data,
  series,
  height = 180,
  references = [],
  emptyText,
  label,
  leftTickFormat = compactTick,
  rightTickFormat = compactTick,
  yAxisWidth = 44,
  xDomain,
}: Props<T>) {
  const mounted = useHasMounted();
  const points = useMemo(() => withGaps(data), [data]);
  const hasRight = series.some((s) => s.axis === 'right' && !s.tooltipOnly);
  // Minutes alone repeat on every tick while a chart spans only a few minutes; hours repeat across days.
  const spanMs = xDomain ? xDomain[1] - xDomain[0] : data.length > 1 ? data[data.length - 1]!.at - data[0]!.at : 0;
  const timeTick = spanMs < 15 * 60_000 ? fmtClock : spanMs <= 24 * 3_600_000 ? fmtHourMinute : fmtDayHourMinute;
  const tooltipTime = spanMs > 12 * 3_600_000 ? fmtDateTime : fmtClock;

  // A series of nulls (e.g. a probe that is down) would draw bare axes that look like "zero".
  const drawable = data.length >= 2 && series.some((s) => !s.tooltipOnly && data.some((d) => typeof d[s.key] === 'number'));
  if (!mounted || !drawable) {
    return (
      <div className="chart-placeholder" style={{ height }} role="img" aria-label={label}>
        {mounted ? emptyText : null}
      </div>
    );
  }

  return (
    <div className="chart" role="img" aria-label={label}>
      <ChartLegend series={series} references={references} />
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 6, right: hasRight ? 0 : 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={xDomain ? [xDomain[0], xDomain[1]] : ['dataMin', 'dataMax']}
            allowDataOverflow={xDomain !== undefined}
            ticks={xDomain ? timeTicks(xDomain[0], xDomain[1]) : undefined}
            tickFormatter={timeTick}
            stroke="var(--text-faint)"
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            tickLine={false}
            minTickGap={56}
          />
          <YAxis
            yAxisId="left"
            stroke="var(--text-faint)"
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            width={yAxisWidth}
            allowDecimals={false}
            tickFormatter={leftTickFormat}
          />
          {hasRight ? (
            <YAxis
              yAxisId="right"
              orientation="right"
              stroke="var(--text-faint)"
              tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
              tickLine={false}
              axisLine={false}
              width={44}
              allowDecimals={false}
              tickFormatter={rightTickFormat}
            />
          ) : null}
          {references.map((r) => (
            <ReferenceLine key={r.label} yAxisId="left" y={r.y} stroke={r.color} strokeDasharray="4 3" ifOverflow="extendDomain" />
          ))}
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: 'var(--text-faint)' }}
            content={({ active, label: at }) =>
              active && typeof at === 'number' ? <ChartTooltip at={at} data={data} series={series} timeFormat={tooltipTime} /> : null
            }
          />
          {series.filter((s) => !s.tooltipOnly).map((s) => (
            <Line
              key={s.key}
              yAxisId={s.axis ?? 'left'}
              dataKey={s.key}
              name={s.label}
              type={s.step ? 'stepAfter' : 'linear'}
              stroke={s.color}
              strokeWidth={1.75}
              strokeDasharray={s.dashed ? '5 3' : undefined}
              dot={false}
              activeDot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function ChartLegend<T>({ series, references }: { series: readonly SeriesDef<T>[]; references: readonly Reference[] }) {
  return (
    <ul className="chart-legend">
      {series.filter((s) => !s.tooltipOnly).map((s) => (
        <li key={s.key}>
          <span className={s.dashed ? 'legend-swatch legend-dashed' : 'legend-swatch'} style={{ borderColor: s.color }} aria-hidden="true" />
          {s.label}
          {s.axis === 'right' ? <span className="muted"> (right axis)</span> : null}
        </li>
      ))}
      {references.map((r) => (
        <li key={r.label}>
          <span className="legend-swatch legend-dashed" style={{ borderColor: r.color }} aria-hidden="true" />
          {r.label}
        </li>
      ))}
    </ul>
  );
}

/** Our own tooltip, so values are formatted the same way as everywhere else ("—" for not reported). */
function ChartTooltip<T extends { at: number }>({
  at,
  data,
  series,
  timeFormat,
}: {
  at: number;
  /** The samples, without gap points: over a gap there is nothing to list. */
  data: readonly T[];
  series: readonly SeriesDef<T>[];
  timeFormat: (at: number) => string;
}) {
  const point = data.find((d) => d.at === at);
  if (!point) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">{timeFormat(at)}</div>
      {series.map((s) => {
        const raw = point[s.key];
        return (
          <div key={s.key} className="chart-tooltip-row">
            <span className="legend-swatch" style={{ borderColor: s.tooltipOnly ? 'transparent' : s.color }} aria-hidden="true" />
            <span>{s.label}</span>
            <span className="chart-tooltip-value">{s.format(typeof raw === 'number' ? raw : null)}</span>
          </div>
        );
      })}
    </div>
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TICK_STEPS = [5_000, 10_000, 15_000, 30_000, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];

/** Round times across a fixed axis (every 10 min, every 4 h, each midnight…), about five of them, on the local clock. */
export function timeTicks(from: number, to: number, most = 6): number[] {
  const span = to - from;
  if (!(span > 0)) return [];
  const step = TICK_STEPS.find((s) => span / s <= most) ?? Math.ceil(span / most / (24 * HOUR)) * 24 * HOUR;
  // Align to the local clock: an hour step on the hour, a day step at local midnight.
  const offset = -new Date(from).getTimezoneOffset() * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil((from + offset) / step) * step - offset; t <= to; t += step) ticks.push(t);
  return ticks;
}

function compactTick(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${Math.round(value / 100_000) / 10}M`;
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1000) return `${Math.round(value / 100) / 10}k`;
  return String(value);
}
