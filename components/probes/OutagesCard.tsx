'use client';

import type { Outage } from '../../server/contract';
import { fmtClock, fmtDateTime, fmtSpan } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { CAUSE_WORDS } from '../timeline/event-words';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';
import { SimpleTable, type Column } from '../ui/SimpleTable';
import { ProbeCard } from './ProbeCard';

const COLUMNS: Column[] = [{ label: 'Started' }, { label: 'Ended' }, { label: 'Duration', className: 'num' }, { label: 'Cause' }, { label: 'What happened' }];

/** Periods the probe connection was down, newest first; an ongoing one is counted up live. */
export function OutagesCard({ outages }: { outages: readonly Outage[] }) {
  const now = useNowTick();
  return (
    <ProbeCard
      titleId="probe-outages-title"
      title="Outages"
      testId="probe-outages"
      aside={<span className="muted">times the probe connection was down, newest first</span>}
    >
      {outages.length === 0 ? (
        <EmptyState compact title="No outages">
          <p>The probe connection has not been lost since rabbitpulse started.</p>
        </EmptyState>
      ) : (
        <SimpleTable columns={COLUMNS}>
          {outages.map((o) => {
            const ongoing = o.endedAt === null;
            return (
              <tr key={o.startedAt} className={ongoing ? 'row-ongoing' : undefined} data-testid="outage-row">
                <td title={fmtDateTime(o.startedAt)}>{fmtClock(o.startedAt)}</td>
                <td>{ongoing ? <LevelBadge level="crit">ongoing</LevelBadge> : fmtClock(o.endedAt)}</td>
                <td className={ongoing ? 'num strong text-crit' : 'num'}>
                  {o.durationMs !== null && !ongoing ? fmtSpan(0, o.durationMs, now) : fmtSpan(o.startedAt, o.endedAt, now)}
                </td>
                <td>
                  <LevelBadge level={CAUSE_WORDS[o.cause].level}>{CAUSE_WORDS[o.cause].word}</LevelBadge>
                </td>
                <td className="cell-wrap">{o.message}</td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
    </ProbeCard>
  );
}
