'use client';

import type { ProbeSample, RoundTripStats } from '../../server/contract';
import { TimeSeriesChart, type SeriesDef } from '../charts/TimeSeriesChart';
import { fmtInt, fmtMsFine, fmtSeconds } from '../format';
import { Fact } from '../ui/Fact';
import { LevelBadge } from '../ui/LevelBadge';
import { ProbeCard } from './ProbeCard';
import { FILLS_IN, NOT_UP } from './probe-words';

const SERIES: SeriesDef<ProbeSample>[] = [
  // Confirm first so deliver, the whole trip, is drawn on top where the two coincide.
  { key: 'confirmP50Ms', label: 'Confirm p50', color: 'var(--chart-2)', format: fmtMsFine },
  { key: 'confirmP99Ms', label: 'Confirm p99', color: 'var(--chart-2)', dashed: true, format: fmtMsFine },
  { key: 'deliverP50Ms', label: 'Deliver p50', color: 'var(--chart-1)', format: fmtMsFine },
  { key: 'deliverP99Ms', label: 'Deliver p99', color: 'var(--chart-1)', dashed: true, format: fmtMsFine },
];

const msTick = (v: number) => (v >= 1000 ? `${Math.round(v / 100) / 10} s` : `${v} ms`);

/** Publish → confirm (the broker took it) and publish → deliver (it came back): is the broker slow, or losing messages? */
export function RoundTripCard({ roundTrip: rt, samples, up }: { roundTrip: RoundTripStats; samples: readonly ProbeSample[]; up: boolean }) {
  const unconfirmed = rt.sent - rt.confirmed;
  return (
    <ProbeCard
      titleId="probe-rt-title"
      title="Round trip"
      testId="probe-round-trip"
      aside={
        <>
          <span className="muted">one message every {fmtSeconds(rt.intervalMs / 1000)}, with publisher confirms</span>
          {rt.lost > 0 ? <LevelBadge level="warn">{`${fmtInt(rt.lost)} lost`}</LevelBadge> : null}
        </>
      }
    >
      <dl className="facts facts-grid">
        <Fact label="Sent">
          <span data-testid="probe-rt-sent">{fmtInt(rt.sent)}</span>
        </Fact>
        <Fact label="Confirmed" hint={unconfirmed > 0 ? `${fmtInt(unconfirmed)} awaiting a confirm` : 'by the broker'}>
          {fmtInt(rt.confirmed)}
        </Fact>
        <Fact label="Delivered" hint="back to the probe">
          {fmtInt(rt.delivered)}
        </Fact>
        <Fact label="Lost" hint="not back within the deadline">
          <span className={rt.lost > 0 ? 'text-warn strong' : undefined}>{fmtInt(rt.lost)}</span>
        </Fact>
        <Fact label="Last confirm">{fmtMsFine(rt.lastConfirmMs)}</Fact>
        <Fact label="Confirm p50">{fmtMsFine(rt.confirmP50Ms)}</Fact>
        <Fact label="Confirm p99">
          <span data-testid="probe-confirm-p99">{fmtMsFine(rt.confirmP99Ms)}</span>
        </Fact>
        <Fact label="Deliver p50">{fmtMsFine(rt.deliverP50Ms)}</Fact>
        <Fact label="Deliver p99">
          <span data-testid="probe-deliver-p99">{fmtMsFine(rt.deliverP99Ms)}</span>
        </Fact>
        <Fact label="Last deliver">{fmtMsFine(rt.lastDeliverMs)}</Fact>
      </dl>
      <h3 className="section-title chart-title">p50 and p99, publish → confirm and publish → deliver</h3>
      <TimeSeriesChart
        data={samples}
        series={SERIES}
        height={170}
        yAxisWidth={58}
        label="Round-trip latency percentiles of the probe over time, in milliseconds"
        emptyText={up ? FILLS_IN : NOT_UP}
        leftTickFormat={msTick}
      />
    </ProbeCard>
  );
}
