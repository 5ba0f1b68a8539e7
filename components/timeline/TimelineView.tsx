'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { EventKind } from '../../server/contract';
import { fmtInt } from '../format';
import type { LiveView } from '../../server/stream/apply-delta';
import { RequireView } from '../live/RequireView';
import { EmptyState } from '../ui/EmptyState';
import { ALL_TARGETS, TargetSelect } from '../ui/TargetSelect';
import { EventCard } from './EventCard';
import { KIND_FILTERS, type KindFilterId } from './event-words';
import { useNewEvents } from './useNewEvents';
import { PageHead } from '../ui/PageHead';

function matchesKind(filter: KindFilterId, kind: EventKind): boolean {
  const kinds: readonly EventKind[] | null = KIND_FILTERS.find((f) => f.id === filter)?.kinds ?? null;
  return kinds === null || kinds.includes(kind);
}

export function TimelineView() {
  return <RequireView>{(view) => <Timeline view={view} />}</RequireView>;
}

function Timeline({ view }: { view: LiveView }) {
  const initialTarget = useSearchParams().get('target') ?? ALL_TARGETS;
  const [targetId, setTargetId] = useState(initialTarget);
  const [kindFilter, setKindFilter] = useState<KindFilterId>('all');
  const names = useMemo(() => new Map(view.targets.map((t) => [t.id, t.displayName])), [view.targets]);
  // Events arrive newest first, and the view keeps them that way.
  const ofTarget = useMemo(() => view.events.filter((e) => targetId === ALL_TARGETS || e.targetId === targetId), [view.events, targetId]);
  const events = useMemo(() => ofTarget.filter((e) => matchesKind(kindFilter, e.kind)), [ofTarget, kindFilter]);
  const isNew = useNewEvents(view.events);
  const multiTarget = view.targets.length > 1;

  return (
    <div className="timeline-page">
      <PageHead title="Timeline">Closed connections, probe resets and broker notices, newest first, with the most likely cause and who saw it.</PageHead>
      <div className="toolbar">
        {multiTarget || targetId !== ALL_TARGETS ? <TargetSelect targets={view.targets} value={targetId} onChange={setTargetId} /> : null}
        <label className="field">
          <span className="field-label">Show</span>
          <select value={kindFilter} data-testid="kind-filter" onChange={(e) => setKindFilter(e.target.value as KindFilterId)}>
            {KIND_FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label} ({fmtInt(ofTarget.filter((e) => matchesKind(f.id, e.kind)).length)})
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-count">
          {fmtInt(events.length)} {events.length === 1 ? 'event' : 'events'}
        </span>
      </div>
      {events.length === 0 ? (
        <EmptyState title={view.events.length === 0 ? 'No events yet' : 'No events match the filter'}>
          {view.events.length === 0 ? (
            <p>
              Nothing has happened since the rabbitpulse server started. When a connection closes — cleanly, force-closed,
              or dropped for missed heartbeats — or the probe loses its link, it appears here at once with the likely cause.
            </p>
          ) : (
            <p>Other targets or kinds of event have some; widen the filter to see them.</p>
          )}
        </EmptyState>
      ) : (
        <ol className="event-list">
          {events.map((e) => (
            <li key={e.id}>
              <EventCard event={e} targetName={names.get(e.targetId) ?? e.targetId} showTarget={multiTarget} isNew={isNew(e.id)} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
