'use client';

import { useMemo } from 'react';
import type { HeartbeatStats, ProbeSample } from '../../server/contract';
import { heartbeatReferences } from '../charts/heartbeat-references';
import { TimeSeriesChart, type SeriesDef } from '../charts/TimeSeriesChart';
import { SilenceMeter } from '../connections/SilenceMeter';
import { fmtBytes, fmtInt, fmtMs, fmtSecondsPlain } from '../format';
import { Ago } from '../ui/Ago';
import { Fact } from '../ui/Fact';
import { LevelBadge } from '../ui/LevelBadge';
import { ProbeCard } from './ProbeCard';
import { probeHeartbeatView, probeSilenceInput } from './probe-health';
import { FILLS_IN, NOT_UP } from './probe-words';

interface SilencePoint {
  at: number;
  silenceSec: number | null;
  marginSec: number | null;
}

interface IntervalPoint {
  at: number;
  intervalSec: number | null;
}

const SILENCE_SERIES: SeriesDef<SilencePoint>[] = [
  { key: 'silenceSec', label: 'Silence', color: 'var(--chart-3)', format: fmtSecondsPlain },
  { key: 'marginSec', label: 'Margin', color: 'var(--chart-2)', format: fmtSecondsPlain, tooltipOnly: true },
];

const INTERVAL_SERIES: SeriesDef<IntervalPoint>[] = [
  { key: 'intervalSec', label: 'Interval between inbound heartbeats', color: 'var(--chart-2)', step: true, format: fmtSecondsPlain },
];

/** The interval statistics, shown as measured: a label, what it is over, and the field. */
const TIMING_FACTS: { label: string; hint: string; field: 'intervalMeanMs' | 'intervalJitterMs' | 'intervalMaxMs' | 'inboundGapMaxMs' }[] = [
  { label: 'Mean interval', hint: 'between beats in', field: 'intervalMeanMs' },
  { label: 'Jitter', hint: 'standard deviation', field: 'intervalJitterMs' },
  { label: 'Max interval', hint: 'recent beats', field: 'intervalMaxMs' },
  { label: 'Longest gap', hint: 'between inbound reads, last minute', field: 'inboundGapMaxMs' },
];

const toSec = (ms: number | null) => (ms === null ? null : ms / 1000);

/** Heartbeat timings of the probe connection: is the broker beating on time, and how close are we to a timeout? */
export function HeartbeatCard({ heartbeat: hb, samples, up }: { heartbeat: HeartbeatStats; samples: readonly ProbeSample[]; up: boolean }) {
  const view = probeHeartbeatView(hb);
  const level = view.kind === 'measured' ? view.level : 'neutral';
  const silence = useMemo(() => samples.map((s) => ({ at: s.at, silenceSec: toSec(s.silenceMs), marginSec: toSec(s.marginMs) })), [samples]);
  const intervals = useMemo(() => samples.map((s) => ({ at: s.at, intervalSec: toSec(s.heartbeatIntervalMs) })), [samples]);
  const hasIntervals = intervals.some((p) => p.intervalSec !== null);
  const expected = toSec(hb.expectedIntervalMs);

  return (
    <ProbeCard
      titleId="probe-hb-title"
      title="Heartbeats"
      testId="probe-heartbeat"
      aside={
        <>
          {up ? <SilenceMeter large connection={probeSilenceInput(hb)} /> : null}
          {level === 'warn' || level === 'crit' ? <LevelBadge level={level}>{level === 'crit' ? 'timeout near' : 'broker late'}</LevelBadge> : null}
        </>
      }
    >
      <dl className="facts facts-grid">
        <Fact label="Timeout" hint={`negotiated · frame max ${fmtBytes(hb.frameMax)}`}>
          <span data-testid="probe-timeout">{fmtSecondsPlain(hb.timeoutSec)}</span>
        </Fact>
        <Fact label="Expected interval" hint="timeout / 2 when idle" title="The broker sends a heartbeat every timeout/2 when it has sent nothing else">
          {fmtSecondsPlain(expected)}
        </Fact>
        <Fact label="Last beat in" hint={`${fmtInt(hb.inboundHeartbeats)} received from the broker`}>
          <Ago at={hb.lastInboundHeartbeatAt} />
        </Fact>
        <Fact label="Last beat out" hint={hb.outboundHeartbeats === 0 && up ? 'none needed: probe traffic keeps the link busy' : `${fmtInt(hb.outboundHeartbeats)} sent`}>
          <Ago at={hb.lastOutboundHeartbeatAt} />
        </Fact>
        <Fact label="Silence" hint="since the last inbound byte" title="Time since the probe last read anything from the broker">
          <span className={level === 'warn' || level === 'crit' ? `text-${level} strong` : undefined}>{fmtMs(hb.silenceMs)}</span>
        </Fact>
        {TIMING_FACTS.map((f) => (
          <Fact key={f.label} label={f.label} hint={f.hint}>
            {fmtMs(hb[f.field])}
          </Fact>
        ))}
        <Fact label="Margin" hint="timeout − silence">
          <span className={level === 'warn' || level === 'crit' ? `text-${level} strong` : undefined} data-testid="probe-hb-margin">
            {fmtMs(hb.marginMs)}
          </span>
        </Fact>
      </dl>
      <h3 className="section-title chart-title">Silence vs timeout</h3>
      <TimeSeriesChart
        data={silence}
        series={SILENCE_SERIES}
        references={heartbeatReferences(hb.timeoutSec)}
        height={140}
        label="Seconds since the probe last heard the broker, against its heartbeat timeout"
        emptyText={up ? FILLS_IN : NOT_UP}
        leftTickFormat={(v) => `${v} s`}
      />
      <h3 className="section-title chart-title">Heartbeat intervals</h3>
      {hasIntervals ? (
        <TimeSeriesChart
          data={intervals}
          series={INTERVAL_SERIES}
          references={expected ? [{ y: expected, label: `Expected ${fmtSecondsPlain(expected)}`, color: 'var(--text-muted)' }] : []}
          height={120}
          label="Time between heartbeat frames received from the broker"
          emptyText={up ? FILLS_IN : NOT_UP}
          leftTickFormat={(v) => `${v} s`}
        />
      ) : (
        <div className="chart-placeholder chart-placeholder-note">
          No two heartbeat frames received yet. The broker beats only when it has sent nothing else for timeout/2, so
          while round trips keep the link busy frames are rare; the silence above is what the timeout is judged by.
        </div>
      )}
    </ProbeCard>
  );
}
