'use client';

import type { TargetSample, TargetState } from '../../server/contract';
import { fmtCount, fmtMs, fmtRate } from '../format';
import { HEALTH_BADGE_LEVEL, healthHeadline, healthNeedsWords } from '../health/target-health';
import { targetStatusHeadline, targetStatusLevel } from '../health/target-status';
import { useNowTick } from '../live/LiveStateProvider';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { Stat } from '../ui/Stat';
import { NodeList } from './NodeList';
import { ProbeLine } from './ProbeLine';
import { TargetChart } from './TargetChart';

export function TargetCard({ target, samples, serverTime }: { target: TargetState; samples: readonly TargetSample[]; serverTime: number }) {
  const now = useNowTick();
  const { status, totals, overview, health } = target;
  const level = targetStatusLevel(status.kind);
  const version = overview?.rabbitmqVersion ? `RabbitMQ ${overview.rabbitmqVersion}` : null;

  return (
    <section className="card target-card" aria-labelledby={`target-${target.id}`} data-testid="target-card">
      <header className="card-head">
        <div className="card-title-row">
          <h2 id={`target-${target.id}`} className="card-title">
            {target.displayName}
          </h2>
          <span data-testid="target-health" data-level={health.level} className="target-health">
            <LevelBadge level={HEALTH_BADGE_LEVEL[health.level]} title={health.reasons.join('\n') || undefined}>
              {healthHeadline(health)}
            </LevelBadge>
          </span>
        </div>
        {/* The badge names the most severe reason; the others follow. An ok target's facts (the broker log is off) are on the probe line. */}
        {healthNeedsWords(health) && health.reasons.length > 1 ? (
          <ul className="health-reasons" data-testid="target-health-reasons">
            {health.reasons.slice(1).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
        <div className="card-meta">
          {version ? <span>{version}</span> : null}
          {overview?.clusterName ? <span className="mono">{overview.clusterName}</span> : null}
          <span className="mono muted">{target.managementUrl}</span>
        </div>
      </header>

      {status.kind !== 'ok' ? (
        <p className={`callout callout-${level === 'crit' ? 'crit' : 'neutral'}`}>
          {status.kind === 'starting' ? 'The first poll of this broker has not finished yet.' : `Management API ${targetStatusHeadline(status, now)}: ${status.message}`}
          {status.consecutiveFailures > 1 ? (
            <span className="muted">
              {' '}
              {status.consecutiveFailures} failed polls in a row{status.nextPollAt ? <>; next try <Ago at={status.nextPollAt} /></> : null}.
            </span>
          ) : null}
        </p>
      ) : null}

      <div className="poll-line">
        <span>
          Last good poll {status.lastGoodAt === null ? <span className="muted">never</span> : <Ago at={status.lastGoodAt} />}
          {status.lastPollDurationMs !== null ? <span className="muted"> · took {fmtMs(status.lastPollDurationMs)}</span> : null}
        </span>
        {overview ? (
          <span className="muted">
            publish {fmtRate(overview.publishRate)} · deliver {fmtRate(overview.deliverRate)} · ack {fmtRate(overview.ackRate)}
          </span>
        ) : null}
      </div>

      <ProbeLine target={target} />

      {/* Until a poll succeeds there is nothing to draw; the callout above says why. */}
      {totals === null && samples.length === 0 ? null : (
        <TargetData target={target} samples={samples} serverTime={serverTime} />
      )}
    </section>
  );
}

function TargetData({ target, samples, serverTime }: { target: TargetState; samples: readonly TargetSample[]; serverTime: number }) {
  const { totals } = target;
  return (
    <>
      <div className="stats-row">
        <Stat label="Connections" value={fmtCount(totals?.connections)} />
        <Stat label="Channels" value={fmtCount(totals?.channels)} />
        <Stat label="Consumers" value={fmtCount(totals?.consumers)} />
        <Stat label="Queues" value={fmtCount(totals?.queues)} />
        <Stat label="Ready" value={fmtCount(totals?.ready)} />
        <Stat label="Unacked" value={fmtCount(totals?.unacked)} />
      </div>

      <div className="target-body">
        <div className="target-chart">
          <TargetChart targetId={target.id} targetName={target.displayName} live={samples} serverTime={serverTime} />
        </div>
        <div className="target-nodes">
          <h3 className="section-title">Nodes</h3>
          <NodeList nodes={target.nodes} />
        </div>
      </div>
    </>
  );
}
