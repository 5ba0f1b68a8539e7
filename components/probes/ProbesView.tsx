'use client';

import Link from 'next/link';
import type { ProbeSample, SelfHealth, TargetState } from '../../server/contract';
import { LEVEL_ICON } from '../health/level';
import { paramCandidates, probeHref } from '../links';
import type { LiveView } from '../../server/stream/apply-delta';
import { RequireView } from '../live/RequireView';
import { SelfHealthStrip } from '../self/SelfHealthStrip';
import { EmptyState } from '../ui/EmptyState';
import { HeartbeatCard } from './HeartbeatCard';
import { LargeMessagesCard } from './LargeMessagesCard';
import { OutagesCard } from './OutagesCard';
import { ProbeHeader } from './ProbeHeader';
import { RoundTripCard } from './RoundTripCard';
import { LINK_WORDS, linkLevel } from './probe-words';
import { PageHead } from '../ui/PageHead';

/** `/probes` shows the first target's probe; `/probes/{target}` a given one. */
export function ProbesView({ targetParam }: { targetParam?: string }) {
  return <RequireView>{(view) => <Resolve view={view} targetParam={targetParam} />}</RequireView>;
}

function Resolve({ view, targetParam }: { view: LiveView; targetParam?: string }) {
  const ids = targetParam === undefined ? null : paramCandidates(targetParam);
  const target = ids === null ? view.targets[0] : view.targets.find((t) => ids.includes(t.id));
  return (
    <div className="probe-page" data-testid="probe-page">
      <PageHead title={<>Probe{target ? ` · ${target.displayName}` : ''}</>}>
        rabbitpulse&apos;s own connection to the broker: heartbeats timed frame by frame, round trips, large messages and
        every outage with its exact cause.
      </PageHead>
      {view.targets.length > 1 ? <TargetTabs targets={view.targets} current={target?.id ?? null} /> : null}
      {target ? (
        <ProbeDetail target={target} samples={view.probeSeries[target.id] ?? []} selfHealth={view.selfHealth} />
      ) : (
        <EmptyState title="Unknown target">
          <p>
            No polled broker is called <span className="mono">{ids?.[ids.length - 1]}</span>. <Link href={probeHref()}>See the first one</Link>.
          </p>
        </EmptyState>
      )}
    </div>
  );
}

function TargetTabs({ targets, current }: { targets: readonly TargetState[]; current: string | null }) {
  return (
    <nav className="tabs" aria-label="Targets">
      {targets.map((t) => {
        const level = t.probe ? linkLevel(t.probe) : 'neutral';
        return (
          <Link key={t.id} href={probeHref(t.id)} className={t.id === current ? 'tab tab-active' : 'tab'} aria-current={t.id === current ? 'page' : undefined}>
            <span className={level === 'neutral' ? 'muted' : `text-${level}`} aria-hidden="true">
              {LEVEL_ICON[level]}
            </span>
            {t.displayName}
            <span className="sr-only">{t.probe ? LINK_WORDS[t.probe.state].word : 'no probe'}</span>
          </Link>
        );
      })}
    </nav>
  );
}

function ProbeDetail({ target, samples, selfHealth }: { target: TargetState; samples: readonly ProbeSample[]; selfHealth: SelfHealth | null }) {
  const probe = target.probe;
  if (!probe) {
    return (
      <EmptyState title="No probe report for this target">
        <p>
          Probes are turned off for it (<span className="mono">probes.enabled</span>, <span className="mono">RABBITPULSE_PROBES</span>), or
          the first report — due within a second of start-up — has not arrived yet.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="probe-body">
      <ProbeHeader target={target} probe={probe} />
      <SelfHealthStrip health={selfHealth} />
      <div className="probe-grid">
        <HeartbeatCard heartbeat={probe.heartbeat} samples={samples} up={probe.state === 'up'} />
        <RoundTripCard roundTrip={probe.roundTrip} samples={samples} up={probe.state === 'up'} />
      </div>
      <div className="probe-grid">
        <LargeMessagesCard results={probe.largeMessages} />
        <OutagesCard outages={probe.outages} />
      </div>
    </div>
  );
}
