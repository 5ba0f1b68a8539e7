'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { SilenceMeter } from '../connections/SilenceMeter';
import { fmtBytes, fmtInt, fmtSecondsPlain } from '../format';
import type { Alert, TargetState } from '../../server/contract';
import { inert } from '../../server/shared/inert';
import { ObjectLink } from '../alerts/AlertCard';
import { SeverityBadge } from '../alerts/SeverityBadge';
import { heartbeatLevel } from '../health/heartbeat';
import type { Level } from '../health/level';
import { HEALTH_BADGE_LEVEL } from '../health/target-health';
import { useNowTick } from '../live/LiveStateProvider';
import { prefetchSummary } from '../health/prefetch';
import { alertHref, connectionHref } from '../links';
import type { ConnectionRow } from '../live/rows';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';
import { ALERTS_LISTED, attentionGroups, attentionLead, type AttentionGroup } from './attention';

export function AttentionPanel({ rows, targets, alerts, multiTarget }: { rows: readonly ConnectionRow[]; targets: readonly TargetState[]; alerts: readonly Alert[]; multiTarget: boolean }) {
  const now = useNowTick();
  const groups = useMemo(() => attentionGroups(rows), [rows]);
  const lead = useMemo(() => attentionLead(targets, alerts, now), [targets, alerts, now]);
  const flagged = groups.reduce((sum, g) => sum + g.total, 0) + lead.targets.length + lead.alerts.length;
  const names = useMemo(() => new Map(targets.map((t) => [t.id, t.displayName])), [targets]);
  const nothingYet = rows.length === 0 && lead.targets.length === 0 && lead.alerts.length === 0;
  return (
    <section className="card attention" aria-labelledby="attention-title" data-testid="attention">
      <header className="card-head">
        <div className="card-title-row">
          <h2 id="attention-title" className="card-title">
            Needs attention
          </h2>
          {nothingYet ? null : flagged === 0 ? <LevelBadge level="ok">nothing flagged</LevelBadge> : <LevelBadge level={flaggedLevel(lead)}>{`${fmtInt(flagged)} flagged`}</LevelBadge>}
        </div>
      </header>
      {lead.targets.length > 0 ? <TargetProblems targets={lead.targets} /> : null}
      {lead.alerts.length > 0 ? <AlertList alerts={lead.alerts} names={names} multiTarget={multiTarget} /> : null}
      {rows.length === 0 ? (
        <p className="muted" data-testid="attention-no-connections">
          {nothingYet
            ? 'No client connections to check yet. Consumers and publishers appear here as soon as they connect to a polled broker.'
            : 'No client connections to check for heartbeat, backpressure or prefetch risks yet.'}
        </p>
      ) : (
        groups.map((g) => <Group key={g.id} group={g} multiTarget={multiTarget} />)
      )}
    </section>
  );
}

/** Critical when a target is, or a critical alert fires: the count must not look milder than what it counts. */
function flaggedLevel(lead: { targets: readonly TargetState[]; alerts: readonly Alert[] }): Level {
  const critical = lead.targets.some((t) => t.health.level === 'crit') || lead.alerts.some((a) => a.state === 'firing' && a.severity === 'critical');
  return critical ? 'crit' : 'warn';
}

/** Each target whose health names a problem, with every reason (the badge on its card shows the first). */
function TargetProblems({ targets }: { targets: readonly TargetState[] }) {
  return (
    <div className="attention-group" data-testid="attention-targets">
      <h3 className="attention-title">
        <span>Targets</span>
        <span className="attention-count">{fmtInt(targets.length)}</span>
      </h3>
      <ul className="attention-list attention-stack">
        {targets.map((t) => (
          <li key={t.id} data-testid="attention-target" data-target={t.id} data-level={t.health.level}>
            <span className="attention-who">
              <span className="attention-name">{t.displayName}</span>
              <LevelBadge level={HEALTH_BADGE_LEVEL[t.health.level]}>{t.health.word}</LevelBadge>
            </span>
            <ul className="attention-reasons">
              {t.health.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Firing then pending alerts: what, on what, how much, and the likely cause with its fix. */
function AlertList({ alerts, names, multiTarget }: { alerts: readonly Alert[]; names: ReadonlyMap<string, string>; multiTarget: boolean }) {
  const shown = alerts.slice(0, ALERTS_LISTED);
  const firing = alerts.filter((a) => a.state === 'firing').length;
  return (
    <div className="attention-group" data-testid="attention-alerts">
      <h3 className="attention-title">
        <span>Alerts</span>
        <span className="attention-count">
          {fmtInt(firing)} firing{alerts.length > firing ? ` · ${fmtInt(alerts.length - firing)} pending` : ''}
        </span>
      </h3>
      <ul className="attention-list attention-stack">
        {shown.map((a) => (
          <li key={a.id} data-testid="attention-alert" data-state={a.state} data-severity={a.severity}>
            <span className="attention-who">
              <SeverityBadge severity={a.severity} />
              <Link href={alertHref(a.id)} className="attention-name" data-testid="attention-alert-link">
                {a.title}
              </Link>
              {a.state === 'pending' ? <span className="muted">pending</span> : null}
            </span>
            <span className="attention-alert-object">
              <ObjectLink alert={a} />
              {multiTarget ? <Truncate text={names.get(a.targetId) ?? a.targetId} className="attention-target" /> : null}
            </span>
            <span className="attention-alert-value">{inert(a.value)}</span>
            <p className="attention-why" data-testid="attention-alert-explanation">
              {inert(a.explanation)}
            </p>
          </li>
        ))}
      </ul>
      {alerts.length > shown.length ? (
        <Link className="more-link" href="/alerts">
          and {fmtInt(alerts.length - shown.length)} more on the alerts page →
        </Link>
      ) : null}
    </div>
  );
}

function Group({ group, multiTarget }: { group: AttentionGroup; multiTarget: boolean }) {
  const ok = group.total === 0;
  return (
    <div className="attention-group" data-testid={`attention-${group.id}`}>
      <h3 className="attention-title">
        <span>{group.title}</span>
        <span className={ok ? 'attention-count muted' : 'attention-count'}>{ok ? 'none' : fmtInt(group.total)}</span>
      </h3>
      <p className="attention-why">{group.why}</p>
      {group.items.length > 0 && !(ok && group.id !== 'heartbeat') ? (
        <ul className="attention-list">
          {group.items.map(({ row }) => (
            <li key={row.key}>
              <span className="attention-who">
                <Link href={connectionHref(row.targetId, row.item.id)} className="attention-name">
                  <Truncate text={row.item.name} />
                </Link>
                {multiTarget ? <Truncate text={row.targetName} className="attention-target" /> : null}
              </span>
              <span className="attention-detail">
                <Detail group={group} row={row} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {group.total > group.items.length ? (
        <Link className="more-link" href="/connections">
          and {fmtInt(group.total - group.items.length)} more in Connections →
        </Link>
      ) : null}
    </div>
  );
}

function Detail({ group, row }: { group: AttentionGroup; row: ConnectionRow }) {
  const c = row.item;
  switch (group.id) {
    case 'heartbeat': {
      const level = heartbeatLevel(c);
      return (
        <>
          <SilenceMeter connection={c} />
          <span className={level === 'warn' || level === 'crit' ? `attention-margin text-${level}` : 'attention-margin muted'}>margin {fmtSecondsPlain(c.heartbeatMarginSec)}</span>
        </>
      );
    }
    case 'send-pend':
      return (
        <span>
          send_pend <strong>{fmtBytes(c.sendPend)}</strong> · {fmtInt(c.unacked)} unacked
        </span>
      );
    case 'throttled':
      return <LevelBadge level={c.state === 'flow' ? 'warn' : 'crit'}>{c.state}</LevelBadge>;
    case 'prefetch':
      return (
        <span title={prefetchSummary(c).detail}>
          prefetch <strong className="text-crit">0</strong> · {fmtInt(c.unacked)} unacked
        </span>
      );
  }
}
