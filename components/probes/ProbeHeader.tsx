'use client';

import Link from 'next/link';
import type { ProbeState, TargetState } from '../../server/contract';
import { fmtClock, fmtDateTime, fmtIn, fmtInt, fmtSpan } from '../format';
import { connectionHref } from '../links';
import { useNowTick } from '../live/LiveStateProvider';
import { CAUSE_WORDS } from '../timeline/event-words';
import { Ago } from '../ui/Ago';
import { Fact } from '../ui/Fact';
import { BrokerLogNotice } from './BrokerLogNotice';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';
import { EventExchangeNotice } from './EventExchangeNotice';
import { LinkBadge } from './LinkBadge';

/** The probe link: up or not, since when, and — when it is not — why, and when it tries again. */
export function ProbeHeader({ target, probe }: { target: TargetState; probe: ProbeState }) {
  const now = useNowTick();
  const ongoing = probe.outages.find((o) => o.endedAt === null) ?? null;
  // The probe's own connection as the broker lists it, for a link to its connection page.
  const asSeen = target.connections.find((c) => c.own && c.providedName === probe.connectionName) ?? null;
  const err = probe.lastError;

  return (
    <section className="card probe-head" aria-labelledby="probe-link-title" data-testid="probe-link" data-state={probe.state}>
      <div className="card-title-row">
        <h2 id="probe-link-title" className="card-title mono">
          <Truncate text={probe.connectionName} />
        </h2>
        <LinkBadge probe={probe} />
        {asSeen ? (
          <Link href={connectionHref(target.id, asSeen.id)} className="card-link">
            As the broker sees it →
          </Link>
        ) : null}
      </div>

      {ongoing || (probe.state !== 'up' && probe.state !== 'disabled') ? (
        <div className="callout callout-crit probe-down" role="alert" data-testid="probe-down">
          <p className="strong">
            Probe connection {ongoing ? <>down for {fmtSpan(ongoing.startedAt, null, now)}</> : probe.state}
            {ongoing ? <span className="muted"> since {fmtClock(ongoing.startedAt)}</span> : null}
            {ongoing ? <> — {CAUSE_WORDS[ongoing.cause].word}</> : null}
          </p>
          {ongoing ? <p>{ongoing.message}</p> : null}
          <p className="muted">
            Reconnect attempt {fmtInt(probe.reconnectAttempts)}
            {probe.nextAttemptAt !== null ? <>, next {fmtIn(probe.nextAttemptAt, now)}</> : null}.
          </p>
        </div>
      ) : null}

      <dl className="facts">
        <Fact label="State since">
          <span title={fmtDateTime(probe.since)}>{fmtClock(probe.since)}</span> <span className="muted">(<Ago at={probe.since} />)</span>
        </Fact>
        <Fact label="Reconnect attempts">{fmtInt(probe.reconnectAttempts)}</Fact>
        <Fact label="Next attempt">{probe.nextAttemptAt === null ? <span className="muted">—</span> : fmtIn(probe.nextAttemptAt, now)}</Fact>
        <Fact label="Last error">
          {err === null ? (
            <span className="muted">{probe.outages.length > 0 ? 'none since it reconnected' : 'none since start'}</span>
          ) : (
            <span className="last-error">
              <LevelBadge level={CAUSE_WORDS[err.cause].level}>{CAUSE_WORDS[err.cause].word}</LevelBadge>{' '}
              <span className="muted" title={fmtDateTime(err.at)}>
                <Ago at={err.at} />
              </span>
            </span>
          )}
        </Fact>
      </dl>
      {err && err.message !== ongoing?.message ? (
        <p className="event-detail probe-error-text" data-testid="probe-last-error">
          <Truncate text={err.message} className="mono" />
        </p>
      ) : null}
      <EventExchangeNotice eventExchange={probe.eventExchange} />
      <BrokerLogNotice brokerLog={probe.brokerLog} />
    </section>
  );
}
