'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import type { PulseEvent } from '../../server/contract';
import { fmtClock } from '../format';
import { timelineHref } from '../links';
import { KIND_TITLE, eventBadgeWord, eventHref, eventLevel, isOwnClose } from '../timeline/event-words';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { TitledCard } from '../ui/TitledCard';
import { Truncate } from '../ui/Truncate';

const SHOWN = 6;

/**
 * The last few events, so the overview answers "did anything just drop?"
 * without a click. Closes of rabbitpulse's own connections are left to the
 * timeline: the probe reports its own resets, with exact causes.
 */
export function RecentEvents({ events, targetNames }: { events: readonly PulseEvent[]; targetNames: ReadonlyMap<string, string> }) {
  const multiTarget = targetNames.size > 1;
  const shown = useMemo(() => events.filter((e) => !isOwnClose(e)).slice(0, SHOWN), [events]);
  return (
    <TitledCard
      titleId="recent-title"
      title="Recent events"
      testId="recent-events"
      aside={
        <Link href={timelineHref()} className="card-link">
          Timeline →
        </Link>
      }
    >
      {shown.length === 0 ? (
        <p className="muted">No connection has closed and the probe has not lost its link since the rabbitpulse server started.</p>
      ) : (
        <ul className="recent-list">
          {shown.map((e) => {
            const name = e.connection ?? e.lastKnown?.name ?? null;
            const href = eventHref(e);
            return (
              <li key={e.id}>
                <time dateTime={new Date(e.at).toISOString()} className="recent-time" title={fmtClock(e.at)}>
                  <Ago at={e.at} />
                </time>
                <span className="recent-what">
                  <span className="recent-kind">{KIND_TITLE[e.kind]}</span>
                  {name === null ? null : href ? (
                    <Link href={href} className="recent-name">
                      <Truncate text={name} />
                    </Link>
                  ) : (
                    <Truncate text={name} className="recent-name" />
                  )}
                  {multiTarget ? <span className="muted small">{targetNames.get(e.targetId) ?? e.targetId}</span> : null}
                </span>
                <LevelBadge level={eventLevel(e)}>{eventBadgeWord(e)}</LevelBadge>
              </li>
            );
          })}
        </ul>
      )}
    </TitledCard>
  );
}
