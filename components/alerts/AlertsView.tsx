'use client';

import { useMemo, type ReactNode } from 'react';
import type { Alert, NotifierInfo, Silence } from '../../server/contract';
import { fmtInt } from '../format';
import { alertingOf, type LiveView } from '../../server/stream/apply-delta';
import { useNowTick } from '../live/LiveStateProvider';
import { RequireView } from '../live/RequireView';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';
import { AlertCard } from './AlertCard';
import { activeSilences, firingSummary, groupAlerts, SEVERITY_LEVEL, SEVERITY_WORD } from './alert-model';
import { DeliveriesCard } from './DeliveriesCard';
import { NotifiersCard } from './NotifiersCard';
import { ResolvedTable } from './ResolvedTable';
import { SilencesCard } from './SilencesCard';
import { PageHead } from '../ui/PageHead';

export function AlertsView() {
  // Alerts about the server itself matter even when no broker is configured.
  return <RequireView requireTargets={false}>{(view) => <Alerts view={view} />}</RequireView>;
}

function Alerts({ view }: { view: LiveView }) {
  const now = useNowTick();
  const { alerts, silences, notifiers, deliveries } = alertingOf(view);
  // Minute resolution is plenty for the one-day cut of resolved alerts, and keeps the grouping memoised.
  const minute = Math.floor(now / 60_000) * 60_000;
  const groups = useMemo(() => groupAlerts(alerts, minute), [alerts, minute]);
  const inForce = useMemo(() => activeSilences(silences, now), [silences, now]);
  const targetNames = useMemo(() => new Map(view.targets.map((t) => [t.id, t.displayName])), [view.targets]);
  const summary = firingSummary(alerts);
  const showTarget = view.targets.length > 1;

  return (
    <div className="alerts-page">
      <PageHead title="Alerts">
        Rules check every poll and event. An alert fires once its condition has held for the rule&apos;s hold time, and resolves after it has been clear for a
        while. Acknowledge to stop reminders; silence to stop notifications for a time.
      </PageHead>
      <div className="alerts-summary" data-testid="alerts-summary">
        {summary.count === 0 ? (
          <LevelBadge level="ok">nothing firing</LevelBadge>
        ) : (
          (['critical', 'warning', 'info'] as const)
            .filter((s) => summary.bySeverity[s] > 0)
            .map((s) => <LevelBadge key={s} level={SEVERITY_LEVEL[s]}>{`${fmtInt(summary.bySeverity[s])} ${SEVERITY_WORD[s].toLowerCase()} firing`}</LevelBadge>)
        )}
        <span className="muted">
          {fmtInt(groups.pending.length)} pending · {fmtInt(groups.resolved.length)} resolved in the last day · {fmtInt(inForce.length)} silence
          {inForce.length === 1 ? '' : 's'}
        </span>
      </div>

      <div className="alerts-layout">
        <div className="alerts-main">
          <AlertSection id="firing" title="Firing" count={groups.firing.length}>
            {groups.firing.length === 0 ? (
              <EmptyState title="Nothing is firing" compact>
                <p>Every rule&apos;s condition is clear{groups.pending.length > 0 ? ', or has not held long enough yet (see Pending)' : ''}.</p>
              </EmptyState>
            ) : (
              <AlertList alerts={groups.firing} targetNames={targetNames} showTarget={showTarget} silences={inForce} notifiers={notifiers} />
            )}
          </AlertSection>

          <AlertSection
            id="pending"
            title="Pending"
            count={groups.pending.length}
            hint="The condition holds, but not yet for the rule's hold time; it fires if it lasts, and is forgotten if it clears first."
          >
            {groups.pending.length === 0 ? (
              <p className="muted section-empty">Nothing pending.</p>
            ) : (
              <AlertList alerts={groups.pending} targetNames={targetNames} showTarget={showTarget} silences={inForce} notifiers={notifiers} />
            )}
          </AlertSection>

          <AlertSection id="resolved" title="Resolved in the last day" count={groups.resolved.length}>
            {groups.resolved.length === 0 ? (
              <p className="muted section-empty">No alert has resolved in the last 24 hours.</p>
            ) : (
              <ResolvedTable alerts={groups.resolved} targetNames={targetNames} showTarget={showTarget} notifiers={notifiers} />
            )}
          </AlertSection>
        </div>

        <div className="alerts-side">
          <SilencesCard silences={inForce} alerts={alerts} targetNames={targetNames} />
          <NotifiersCard notifiers={notifiers} deliveries={deliveries} />
          <DeliveriesCard deliveries={deliveries} notifiers={notifiers} alerts={alerts} />
        </div>
      </div>
    </div>
  );
}

function AlertSection({ id, title, count, hint, children }: { id: string; title: string; count: number; hint?: string; children: ReactNode }) {
  return (
    <section className="alerts-section" aria-labelledby={`alerts-${id}`} data-testid={`alerts-${id}`}>
      <h2 id={`alerts-${id}`} className="alerts-section-title">
        {title} <span className="alerts-section-count">{fmtInt(count)}</span>
      </h2>
      {hint ? <p className="alerts-section-hint muted small">{hint}</p> : null}
      {children}
    </section>
  );
}

function AlertList({
  alerts,
  targetNames,
  showTarget,
  silences,
  notifiers,
}: {
  alerts: readonly Alert[];
  targetNames: ReadonlyMap<string, string>;
  showTarget: boolean;
  silences: readonly Silence[];
  notifiers: readonly NotifierInfo[];
}) {
  // The same rule explains itself the same way: open for its first alert in the list only.
  const firstOfRule = new Set<string>();
  return (
    <ul className="alert-list">
      {alerts.map((a) => {
        const first = !firstOfRule.has(a.rule + a.explanation);
        firstOfRule.add(a.rule + a.explanation);
        return (
          <li key={a.id}>
            <AlertCard
              alert={a}
              targetName={targetNames.get(a.targetId) ?? a.targetId}
              showTarget={showTarget}
              silences={silences}
              notifiers={notifiers}
              explanationOpen={first}
            />
          </li>
        );
      })}
    </ul>
  );
}
