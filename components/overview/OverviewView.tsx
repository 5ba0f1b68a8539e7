'use client';

import { useMemo } from 'react';
import { alertingOf, type LiveView } from '../../server/stream/apply-delta';
import { RequireView } from '../live/RequireView';
import { SelfHealthStrip } from '../self/SelfHealthStrip';
import { connectionRows } from '../live/rows';
import { applicationRows } from './attention';
import { AttentionPanel } from './AttentionPanel';
import { RecentEvents } from './RecentEvents';
import { TargetCard } from './TargetCard';

export function OverviewView() {
  return <RequireView>{(view) => <Overview view={view} />}</RequireView>;
}

function Overview({ view }: { view: LiveView }) {
  const rows = useMemo(() => applicationRows(connectionRows(view)), [view]);
  const targetNames = useMemo(() => new Map(view.targets.map((t) => [t.id, t.displayName])), [view.targets]);
  return (
    <div className="overview">
      <div className="overview-targets">
        {view.targets.map((t) => (
          <TargetCard key={t.id} target={t} samples={view.series[t.id] ?? []} serverTime={view.serverTime} />
        ))}
        <RecentEvents events={view.events} targetNames={targetNames} />
      </div>
      <div className="overview-side">
        <AttentionPanel rows={rows} targets={view.targets} alerts={alertingOf(view).alerts} multiTarget={view.targets.length > 1} />
        <SelfHealthStrip health={view.selfHealth} layout="list" />
      </div>
    </div>
  );
}
