'use client';

import { useState } from 'react';
import type { Alert, NotifierInfo } from '../../server/contract';
import { fmtClock, fmtDateTime, fmtInt, fmtSpan } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { Ago } from '../ui/Ago';
import { ObjectLink } from './AlertCard';
import { OBJECT_KIND_WORD } from './alert-model';
import { notificationTruth } from './notification-truth';
import { SeverityBadge } from './SeverityBadge';
import { inert } from '../../server/shared/inert';

const SHOWN = 25;

/** Alerts that fired and cleared within the last day, newest first. */
export function ResolvedTable({
  alerts,
  targetNames,
  showTarget,
  notifiers,
}: {
  alerts: readonly Alert[];
  targetNames: ReadonlyMap<string, string>;
  showTarget: boolean;
  notifiers: readonly NotifierInfo[];
}) {
  const [all, setAll] = useState(false);
  const now = useNowTick();
  const shown = all ? alerts : alerts.slice(0, SHOWN);
  return (
    <>
      <div className="table-wrap card card-flush">
        <table className="table resolved-table">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Alert</th>
              <th scope="col">Object</th>
              {showTarget ? <th scope="col">Target</th> : null}
              <th scope="col">Fired</th>
              <th scope="col">Resolved</th>
              <th scope="col" className="num">
                Lasted
              </th>
              <th scope="col">Notifications</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} data-testid="alert-row" data-alert-id={a.id} data-rule={a.rule} data-state={a.state} data-severity={a.severity}>
                <td>
                  <SeverityBadge severity={a.severity} />
                </td>
                <td className="cell-wrap resolved-what">
                  <span className="strong">{a.title}</span>
                  <span className="muted small resolved-value">{inert(a.value)}</span>
                </td>
                <td className="cell-text">
                  <span className="muted small">{OBJECT_KIND_WORD[a.object.kind]} </span>
                  <ObjectLink alert={a} />
                </td>
                {showTarget ? <td>{targetNames.get(a.targetId) ?? a.targetId}</td> : null}
                <td title={a.firedAt === null ? undefined : fmtDateTime(a.firedAt)}>{fmtClock(a.firedAt)}</td>
                <td>
                  <Ago at={a.resolvedAt} />
                </td>
                <td className="num">{a.firedAt === null ? '—' : fmtSpan(a.firedAt, a.resolvedAt ?? now, now)}</td>
                <td className="small" data-testid="resolved-notified">
                  {notificationTruth(a, notifiers).short}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {alerts.length > SHOWN ? (
        <button type="button" className="button button-quiet more-button" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer' : `Show all ${fmtInt(alerts.length)}`}
        </button>
      ) : null}
    </>
  );
}
