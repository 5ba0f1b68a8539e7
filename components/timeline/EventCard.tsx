import Link from 'next/link';
import type { ClosedChannel, LastKnownConnection, PulseEvent } from '../../server/contract';
import { SilenceFact } from './SilenceFact';
import { fmtClock, fmtInt, fmtMs, fmtSecondsPlain } from '../format';
import { Ago } from '../ui/Ago';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';
import { OwnTag } from '../ui/OwnTag';
import { CAUSE_WORDS, CERTAINTY_WORDS, KIND_TITLE, SOURCE_WORDS, eventBadgeWord, eventHref, eventLevel, isOwnClose } from './event-words';
import { inert } from '../../server/shared/inert';

/** One event: when, what, why (and how sure), who saw it, and what the connection looked like last. */
export function EventCard({ event, targetName, showTarget, isNew }: { event: PulseEvent; targetName: string; showTarget?: boolean; isNew?: boolean }) {
  const last = event.lastKnown;
  const own = isOwnClose(event);
  const classes = ['event', isNew ? 'event-new' : '', own ? 'event-own' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} data-testid="timeline-event" data-event-id={event.id} data-event-kind={event.kind} data-cause={event.cause}>
      <div className="event-time">
        <time dateTime={new Date(event.at).toISOString()} className="event-clock">
          {fmtClock(event.at)}
        </time>
        <span className="muted small">
          <Ago at={event.at} />
        </span>
        {isNew ? <span className="event-new-tag">new</span> : null}
      </div>
      <div className="event-body">
        <div className="event-head">
          <span className="event-kind">{KIND_TITLE[event.kind]}</span>
          <EventName event={event} />
          {own ? <OwnTag /> : null}
          {showTarget ? <span className="event-target">on {targetName}</span> : null}
          <span className="event-badges">
            <LevelBadge level={eventLevel(event)}>{eventBadgeWord(event)}</LevelBadge>
            <span className={`certainty certainty-${event.certainty}`} title="How sure rabbitpulse is of the cause">
              certainty: {CERTAINTY_WORDS[event.certainty]}
            </span>
            <span className="event-source" title={SOURCE_WORDS[event.source].title} data-testid="event-source">
              via {SOURCE_WORDS[event.source].word}
            </span>
          </span>
        </div>
        {event.outage ? (
          <p className="event-outage">
            <span className="strong">Down for {fmtMs(event.outage.durationMs)}</span>
            <span className="muted">
              {' '}
              from {fmtClock(event.outage.startedAt)} to {fmtClock(event.outage.endedAt)} · {CAUSE_WORDS[event.outage.cause].word}
            </span>
          </p>
        ) : null}
        <p className="event-explanation">{inert(event.explanation)}</p>
        {event.detail || event.code !== undefined ? (
          <p className="event-detail" data-testid="event-detail">
            {event.code !== undefined ? <span className="event-code">code {event.code}</span> : null}
            {event.detail ? <Truncate text={event.detail} className="mono" /> : null}
          </p>
        ) : null}
        {event.channel ? <ChannelFacts channel={event.channel} /> : null}
        {event.brokerLog ? (
          <p className="event-broker-said" data-testid="event-broker-said">
            <span className="event-broker-said-label">
              The broker said ({event.brokerLog.level}
              {event.brokerLog.node ? ` on ${event.brokerLog.node}` : ''}):
            </span>
            {/* Line by line: the broker's own line breaks stay, every other control character is made visible. */}
            {event.brokerLog.text.split('\n').map(inert).join('\n')}
          </p>
        ) : null}
        {last && event.kind !== 'channel.closed' ? <LastKnown last={last} closedAt={event.at} /> : event.kind === 'connection.closed' ? <p className="muted small">rabbitpulse never saw this connection in a poll, so its last state is unknown.</p> : null}
      </div>
    </article>
  );
}

function EventName({ event }: { event: PulseEvent }) {
  const name = event.connection ?? event.lastKnown?.name ?? null;
  if (name === null) return null;
  const href = eventHref(event);
  return href ? (
    <Link href={href} className="event-name">
      <Truncate text={name} />
    </Link>
  ) : (
    <span className="event-name">
      <Truncate text={name} />
    </span>
  );
}

/** What the broker closed: the channel, its consumer and queue, and what went back to the queue. */
function ChannelFacts({ channel }: { channel: ClosedChannel }) {
  return (
    <dl className="event-last" aria-label="Closed channel" data-testid="event-channel">
      <div>
        <dt>Channel</dt>
        <dd>{channel.number}</dd>
      </div>
      <div>
        <dt>Exception</dt>
        <dd className="mono">{inert(channel.exception)}</dd>
      </div>
      <div>
        <dt>Consumer / queue</dt>
        <dd>
          <Truncate text={`${channel.consumerTag ?? 'unknown'} · ${channel.queue ?? 'unknown'}`} />
        </dd>
      </div>
      <div>
        <dt>Unacked returned to the queue</dt>
        <dd className={channel.unackedReturned ? 'strong' : undefined}>{channel.unackedReturned === null ? 'not polled' : fmtInt(channel.unackedReturned)}</dd>
      </div>
      {channel.timeoutMs !== null ? (
        <div>
          <dt>Consumer timeout</dt>
          <dd>{fmtMs(channel.timeoutMs)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function LastKnown({ last, closedAt }: { last: LastKnownConnection; closedAt: number }) {
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
      <SilenceFact last={last} closedAt={closedAt} />
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
