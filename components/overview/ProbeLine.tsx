'use client';

import Link from 'next/link';
import type { ProbeState, TargetState } from '../../server/contract';
import { fmtInt, fmtMsFine, fmtSecondsPlain } from '../format';
import { probeHref } from '../links';
import { BrokerLogNotice } from '../probes/BrokerLogNotice';
import { EventExchangeNotice } from '../probes/EventExchangeNotice';
import { largeMessagesSummary, probeHeartbeatView } from '../probes/probe-health';
import { LinkBadge } from '../probes/LinkBadge';
import { CAUSE_WORDS } from '../timeline/event-words';
import { LevelBadge } from '../ui/LevelBadge';

/** The probe's verdict on one line of the target card: is our own connection up, how close to its timeout, how fast. */
export function ProbeLine({ target }: { target: TargetState }) {
  const probe = target.probe;
  if (!probe) {
    return (
      <div className="probe-line" data-testid="probe-line" data-state="none">
        <span className="probe-line-title">Probe</span>
        <span className="muted">no report: probes are off for this target, or the first report is still on its way</span>
      </div>
    );
  }
  return (
    <>
      <div className="probe-line" data-testid="probe-line" data-state={probe.state}>
        <Link href={probeHref(target.id)} className="probe-line-title">
          Probe
        </Link>
        <LinkBadge probe={probe} />
        {probe.state === 'up' ? <UpFigures probe={probe} /> : <DownReason probe={probe} />}
        {/* When the plugin is off the callout below says so, with the fix; the line need not repeat it. */}
        {probe.eventExchange.state === 'not-enabled' ? null : (
          <span className="probe-line-end">
            <EventExchangeNotice eventExchange={probe.eventExchange} compact />
            <BrokerLogNotice brokerLog={probe.brokerLog} compact />
          </span>
        )}
      </div>
      {probe.eventExchange.state === 'not-enabled' ? <EventExchangeNotice eventExchange={probe.eventExchange} /> : null}
    </>
  );
}

function UpFigures({ probe }: { probe: ProbeState }) {
  const hb = probeHeartbeatView(probe.heartbeat);
  const marginSec = probe.heartbeat.marginMs === null ? null : probe.heartbeat.marginMs / 1000;
  const level = hb.kind === 'measured' ? hb.level : 'neutral';
  const large = largeMessagesSummary(probe.largeMessages);
  const rt = probe.roundTrip;
  return (
    <>
      <span className="probe-fig" title="The probe's heartbeat timeout minus the time since it last heard the broker">
        margin{' '}
        <strong className={level === 'warn' || level === 'crit' ? `text-${level}` : undefined} data-testid="probe-margin">
          {fmtSecondsPlain(marginSec)}
        </strong>
        <span className="muted"> of {fmtSecondsPlain(probe.heartbeat.timeoutSec)}</span>
      </span>
      <span className="probe-fig" title="Publish → deliver back to the probe, 99th percentile of recent round trips">
        round trip p99 <strong>{fmtMsFine(rt.deliverP99Ms)}</strong>
        {rt.lost > 0 ? <strong className="text-warn"> · {fmtInt(rt.lost)} lost</strong> : null}
      </span>
      {large ? (
        <span className="probe-fig">
          large messages{' '}
          {large.level === 'ok' ? <span>{large.text}</span> : <LevelBadge level={large.level}>{large.text}</LevelBadge>}
        </span>
      ) : null}
    </>
  );
}

/** Why the link went down (the outage's cause) and, if different, what the latest attempt to reconnect ran into. */
function DownReason({ probe }: { probe: ProbeState }) {
  const ongoing = probe.outages.find((o) => o.endedAt === null) ?? null;
  const err = probe.lastError;
  if (!ongoing && !err) return <span className="muted">{probe.state === 'disabled' ? 'probes are turned off in the configuration' : 'no error reported'}</span>;
  const cause = ongoing?.cause ?? err!.cause;
  return (
    <span className="probe-fig probe-fig-error">
      <strong className="text-crit">{CAUSE_WORDS[cause].word}</strong>
      {err && err.cause !== cause ? <span> · reconnecting: {CAUSE_WORDS[err.cause].word}</span> : null}
      {err ? <span className="muted"> — {err.message}</span> : null}
    </span>
  );
}
