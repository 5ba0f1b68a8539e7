'use client';

import type { Alert, Silence } from '../../server/contract';
import { fmtClock, fmtDateTime, fmtIn, fmtInt } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { Ago } from '../ui/Ago';
import { TitledCard } from '../ui/TitledCard';
import { Truncate } from '../ui/Truncate';
import { removeSilence } from './api';
import { useAction } from './useAction';
import { useCanWrite } from '../session/SessionProvider';

/** Silences in force: what they cover, until when, why; each removable. */
export function SilencesCard({ silences, alerts, targetNames }: { silences: readonly Silence[]; alerts: readonly Alert[]; targetNames: ReadonlyMap<string, string> }) {
  return (
    <TitledCard
      titleId="silences-title"
      title="Silences"
      testId="silences"
      aside={silences.length > 0 ? <span className="badge badge-neutral">{fmtInt(silences.length)} in force</span> : null}
    >
      {silences.length === 0 ? (
        <p className="muted">
          None. A silence stops notifications for the alerts it covers until it ends; the alerts stay listed, marked silenced. Silence an alert from its
          Silence… button.
        </p>
      ) : (
        <ul className="side-list">
          {silences.map((s) => (
            <SilenceRow key={s.id} silence={s} label={labelOf(s, alerts)} targetName={s.targetId === null ? null : (targetNames.get(s.targetId) ?? s.targetId)} />
          ))}
        </ul>
      )}
    </TitledCard>
  );
}

/** The object's label from an alert about it, when one is listed; else its id. */
function labelOf(s: Silence, alerts: readonly Alert[]): string | null {
  if (s.objectId === null) return null;
  return alerts.find((a) => a.object.id === s.objectId && (s.targetId === null || a.targetId === s.targetId))?.object.label ?? s.objectId;
}

function SilenceRow({ silence, label, targetName }: { silence: Silence; label: string | null; targetName: string | null }) {
  const now = useNowTick();
  const remove = useAction(removeSilence);
  const canWrite = useCanWrite();
  return (
    <li className="side-item" data-testid="silence-row" data-silence-id={silence.id}>
      <div className="side-item-main">
        <dl className="silence-scope">
          <div>
            <dt>Rule</dt>
            <dd>{silence.rule === null ? <span className="muted">any</span> : <span className="mono">{silence.rule}</span>}</dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd>{targetName === null ? <span className="muted">any</span> : targetName}</dd>
          </div>
          <div className="silence-scope-object">
            <dt>Object</dt>
            <dd>{label === null ? <span className="muted">any</span> : <Truncate text={label} />}</dd>
          </div>
        </dl>
        <p className="small">
          <span title={fmtDateTime(silence.until)}>
            until <strong>{fmtClock(silence.until)}</strong> ({fmtIn(silence.until, now)})
          </span>
          <span className="muted">
            {' · set '}
            <Ago at={silence.createdAt} />
          </span>
        </p>
        {silence.comment ? <p className="silence-comment small">“{silence.comment}”</p> : null}
        {remove.error ? (
          <p className="action-error" role="alert">
            Could not remove: {remove.error}
          </p>
        ) : null}
      </div>
      {canWrite ? (
        <button type="button" className="button button-small" disabled={remove.busy} onClick={() => void remove.run(silence.id)} data-testid="silence-remove">
          {remove.busy ? 'Removing…' : 'Remove'}
        </button>
      ) : null}
    </li>
  );
}
