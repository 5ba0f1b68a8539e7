'use client';

import type { Outage } from '../../server/contract';
import { fmtClock, fmtDateTime, fmtSpan } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { CAUSE_WORDS } from '../timeline/event-words';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';

/** Periods the probe connection was down, newest first; an ongoing one is counted up live. */
export function OutagesCard({ outages }: { outages: readonly Outage[] }) {
  const now = useNowTick();
  return (
    <section className="card probe-card" aria-labelledby="probe-outages-title" data-testid="probe-outages">
      <header className="card-title-row probe-card-head">
        <h2 id="probe-outages-title" className="card-title">
          Outages
        </h2>
        <span className="muted">times the probe connection was down, newest first</span>
      </header>
      {outages.length === 0 ? (
        <EmptyState compact title="No outages">
          <p>The probe connection has not been lost since rabbitpulse started.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Ended</th>
                <th className="num">Duration</th>
                <th>Cause</th>
                <th>What happened</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
