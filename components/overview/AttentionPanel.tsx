'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { SilenceMeter } from '../connections/SilenceMeter';
import { fmtBytes, fmtInt, fmtSecondsPlain } from '../format';
import { heartbeatLevel } from '../health/heartbeat';
import { prefetchSummary } from '../health/prefetch';
import { connectionHref } from '../links';
import type { ConnectionRow } from '../live/rows';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';
import { attentionGroups, type AttentionGroup } from './attention';

export function AttentionPanel({ rows, multiTarget }: { rows: readonly ConnectionRow[]; multiTarget: boolean }) {
  const groups = useMemo(() => attentionGroups(rows), [rows]);
  const flagged = groups.reduce((sum, g) => sum + g.total, 0);
  return (
    <section className="card attention" aria-labelledby="attention-title" data-testid="attention">
      <header className="card-head">
        <div className="card-title-row">
          <h2 id="attention-title" className="card-title">
            Needs attention
          </h2>
          {rows.length === 0 ? null : flagged === 0 ? <LevelBadge level="ok">nothing flagged</LevelBadge> : <LevelBadge level="warn">{`${fmtInt(flagged)} flagged`}</LevelBadge>}
        </div>
      </header>
      {rows.length === 0 ? (
        <p className="muted">No client connections to check yet. Consumers and publishers appear here as soon as they connect to a polled broker.</p>
      ) : (
        groups.map((g) => <Group key={g.id} group={g} multiTarget={multiTarget} />)
      )}
    </section>
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
