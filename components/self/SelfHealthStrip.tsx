'use client';

import type { HistoryHealth, LoopDelay, SelfHealth } from '../../server/contract';
import { fmtBytes, fmtMsFine } from '../format';
import { historyHeadline, historyHealthLevel } from '../health/history-health';
import { LEVEL_ICON } from '../health/level';
import { LOOP_CRIT_MS, LOOP_WARN_MS, loopDelayLevel } from '../health/self-health';
import { Ago } from '../ui/Ago';

const WHY =
  `How late rabbitpulse's own timers fire. The probes timestamp heartbeats and round trips on these loops, so if they ` +
  `are late (p99 ≥ ${LOOP_WARN_MS} ms, or any stall ≥ ${LOOP_CRIT_MS / 1000} s), slow figures may be ours rather than the broker's.`;

/** rabbitpulse's own health in one line, so the broker's problems can be told from ours. */
export function SelfHealthStrip({ health, layout = 'strip' }: { health: SelfHealth | null; layout?: 'strip' | 'list' }) {
  return (
    <section className={layout === 'list' ? 'selfhealth selfhealth-list' : 'selfhealth'} aria-label="rabbitpulse itself" data-testid="self-health" title={WHY}>
      <h2 className="selfhealth-title">rabbitpulse itself</h2>
      <Loop label="Server event loop" delay={health?.server ?? null} />
      <Loop label="Probe worker loop" delay={health?.probeWorker ?? null} />
      <div className="selfhealth-item">
        <span className="selfhealth-label">Memory (RSS)</span>
        <span className="selfhealth-value">
          <span className={health ? 'selfhealth-main' : 'selfhealth-main muted'}>{health ? fmtBytes(health.rssBytes) : 'not measured yet'}</span>
        </span>
      </div>
      <History health={health?.history ?? null} />
      <span className="selfhealth-at muted small">{health ? <Ago at={health.at} prefix="measured " /> : 'first figures within 5 s of start-up'}</span>
    </section>
  );
}

/** Whether what is shown is also kept: the sentence with the cause and fix is in the banner and on hover. */
function History({ health }: { health: HistoryHealth | null }) {
  const level = historyHealthLevel(health);
  return (
    <div className="selfhealth-item" data-level={level} data-testid="self-health-history" title={health?.state === 'failing' ? health.message : undefined}>
      <span className="selfhealth-label">History</span>
      <span className="selfhealth-value">
        {health === null ? (
          <span className="selfhealth-main muted">not reported yet</span>
        ) : (
          <span className={level === 'ok' ? 'selfhealth-main' : `selfhealth-main text-${level} strong`}>
            {level === 'ok' ? null : <span aria-hidden="true">{LEVEL_ICON[level]} </span>}
            {historyHeadline(health)}
          </span>
        )}
      </span>
    </div>
  );
}

function Loop({ label, delay }: { label: string; delay: LoopDelay | null }) {
  const level = loopDelayLevel(delay);
  return (
    <div className="selfhealth-item" data-level={level}>
      <span className="selfhealth-label">{label}</span>
      {delay === null ? (
        <span className="selfhealth-value">
          <span className="selfhealth-main muted">not measured yet</span>
        </span>
      ) : (
        <span className="selfhealth-value">
          <span className={level === 'ok' ? 'selfhealth-main' : `selfhealth-main text-${level} strong`}>
            {level === 'ok' ? null : <span aria-hidden="true">{LEVEL_ICON[level]} </span>}
            p99 {fmtMsFine(delay.p99Ms)}
          </span>
          <span className="selfhealth-sub muted">
            p50 {fmtMsFine(delay.p50Ms)} · max {fmtMsFine(delay.maxMs)}
          </span>
        </span>
      )}
    </div>
  );
}
