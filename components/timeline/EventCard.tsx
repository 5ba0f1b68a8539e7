import Link from 'next/link';
import type { LastKnownConnection, PulseEvent } from '../../server/contract';
import { SilenceMeter } from '../connections/SilenceMeter';
import { fmtClock, fmtInt, fmtMs, fmtSecondsPlain } from '../format';
import { connectionHref } from '../links';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';
import { CAUSE_WORDS, CERTAINTY_WORDS, KIND_TITLE, eventLevel } from './event-words';

/** One event: when, what, why (and how sure), and what the connection looked like last. */
export function EventCard({ event, targetName, showTarget }: { event: PulseEvent; targetName: string; showTarget?: boolean }) {
  const last = event.lastKnown;
  const name = event.connection ?? last?.name ?? null;
  return (
    <article className="event" data-testid="timeline-event" data-event-id={event.id} data-event-kind={event.kind}>
      <div className="event-time">
        <time dateTime={new Date(event.at).toISOString()} className="event-clock">
          {fmtClock(event.at)}
        </time>
        <span className="muted small">
          <Ago at={event.at} />
        </span>
      </div>
      <div className="event-body">
        <div className="event-head">
          <span className="event-kind">{KIND_TITLE[event.kind]}</span>
          {name === null ? null : last ? (
            <Link href={connectionHref(event.targetId, last.id)} className="event-name">
              <Truncate text={name} />
            </Link>
          ) : (
            <span className="event-name">
              <Truncate text={name} />
            </span>
          )}
          {showTarget ? <span className="event-target">on {targetName}</span> : null}
          <span className="event-badges">
            <LevelBadge level={eventLevel(event)}>{CAUSE_WORDS[event.cause].word}</LevelBadge>
            <span className={`certainty certainty-${event.certainty}`} title="How sure rabbitpulse is of the cause">
              certainty: {CERTAINTY_WORDS[event.certainty]}
            </span>
          </span>
        </div>
        <p className="event-explanation">{event.explanation}</p>
        {event.detail || event.code !== undefined ? (
          <p className="event-detail">
            {event.code !== undefined ? <span className="event-code">code {event.code}</span> : null}
            {event.detail ? <Truncate text={event.detail} className="mono" /> : null}
          </p>
        ) : null}
        {event.outage ? (
          <p className="muted small">
            Down for {fmtMs(event.outage.durationMs)} since {fmtClock(event.outage.startedAt)} ({CAUSE_WORDS[event.outage.cause].word}).
          </p>
        ) : null}
        {last ? <LastKnown last={last} /> : event.kind === 'connection.closed' ? <p className="muted small">rabbitpulse never saw this connection in a poll, so its last state is unknown.</p> : null}
      </div>
    </article>
  );
}

function LastKnown({ last }: { last: LastKnownConnection }) {
  return (
    <dl className="event-last" aria-label="Last known state">
      <div>
        <dt>Client</dt>
        <dd>
          <Truncate text={last.client} />
        </dd>
      </div>
      <div>
        <dt>User / vhost</dt>
        <dd>
          <Truncate text={`${last.user} · ${last.vhost}`} />
        </dd>
      </div>
      <div>
        <dt>Heartbeat timeout</dt>
        <dd>{last.heartbeatTimeoutSec === 0 ? 'off' : fmtSecondsPlain(last.heartbeatTimeoutSec)}</dd>
      </div>
      <div>
        <dt>Silence before vanishing</dt>
        <dd>
          <SilenceMeter connection={{ ...last, silenceSinceFirstSeen: false }} />
        </dd>
      </div>
      <div>
        <dt>Unacked held</dt>
        <dd className={last.unacked > 0 ? 'strong' : undefined}>{fmtInt(last.unacked)}</dd>
      </div>
      <div>
        <dt>Channels</dt>
        <dd>{fmtInt(last.channelCount)}</dd>
      </div>
      <div>
        <dt>Last seen</dt>
        <dd>{fmtClock(last.lastSeenAt)}</dd>
      </div>
    </dl>
  );
}
