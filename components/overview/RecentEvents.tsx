'use client';

import Link from 'next/link';
import type { PulseEvent } from '../../server/contract';
import { fmtClock } from '../format';
import { connectionHref, timelineHref } from '../links';
import { CAUSE_WORDS, KIND_TITLE, eventLevel } from '../timeline/event-words';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';

const SHOWN = 6;

/** The last few events, so the overview answers "did anything just drop?" without a click. */
export function RecentEvents({ events, targetNames }: { events: readonly PulseEvent[]; targetNames: ReadonlyMap<string, string> }) {
  const multiTarget = targetNames.size > 1;
  return (
    <section className="card" aria-labelledby="recent-title" data-testid="recent-events">
      <header className="card-head card-title-row">
        <h2 id="recent-title" className="card-title">
          Recent events
        </h2>
        <Link href={timelineHref()} className="card-link">
          Timeline →
        </Link>
      </header>
      {events.length === 0 ? (
        <p className="muted">No connection has closed since the rabbitpulse server started.</p>
      ) : (
        <ul className="recent-list">
          {events.slice(0, SHOWN).map((e) => {
            const name = e.connection ?? e.lastKnown?.name ?? null;
            return (
              <li key={e.id}>
                <time dateTime={new Date(e.at).toISOString()} className="recent-time" title={fmtClock(e.at)}>
                  <Ago at={e.at} />
                </time>
                <span className="recent-what">
                  <span className="recent-kind">{KIND_TITLE[e.kind]}</span>
                  {name === null ? null : e.lastKnown ? (
                    <Link href={connectionHref(e.targetId, e.lastKnown.id)} className="recent-name">
                      <Truncate text={name} />
                    </Link>
                  ) : (
                    <Truncate text={name} className="recent-name" />
                  )}
                  {multiTarget ? <span className="muted small">{targetNames.get(e.targetId) ?? e.targetId}</span> : null}
                </span>
                <LevelBadge level={eventLevel(e)}>{CAUSE_WORDS[e.cause].word}</LevelBadge>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
