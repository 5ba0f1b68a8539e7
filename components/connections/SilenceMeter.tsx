import type { ConnectionHealth } from '../../server/contract';
import { criticalSilenceSec, warnSilenceSec } from '../../server/shared/heartbeat-risk';
import { fmtSecondsPlain } from '../format';
import { heartbeatView } from '../health/heartbeat';
import { LEVEL_ICON } from '../health/level';

type Input = Pick<ConnectionHealth, 'heartbeatTimeoutSec' | 'silenceSec' | 'silenceSinceFirstSeen'>;

/**
 * Silence drawn against the heartbeat timeout. The bar ends at the critical
 * line of heartbeatRisk, where the broker may already drop the connection;
 * the tick marks the timeout itself, which a healthy idle client can reach.
 */
export function SilenceMeter({ connection, large }: { connection: Input; large?: boolean }) {
  const hb = heartbeatView(connection);
  const className = large ? 'meter meter-large' : 'meter';
  if (hb.kind === 'off') {
    return (
      <span className={`${className} meter-off`} title="Heartbeats are disabled (timeout 0): a dead peer is never detected.">
        heartbeats off
      </span>
    );
  }
  if (hb.kind === 'unknown') {
    return (
      <span className={`${className} meter-unknown`} title="The broker did not report the heartbeat timeout or inbound traffic.">
        —
      </span>
    );
  }
  const critSec = criticalSilenceSec(hb.timeoutSec);
  const lowerBound = connection.silenceSinceFirstSeen ? '≥ ' : '';
  const title =
    `Silent for ${lowerBound}${fmtSecondsPlain(hb.silenceSec)} of a ${fmtSecondsPlain(hb.timeoutSec)} heartbeat timeout` +
    (connection.silenceSinceFirstSeen ? ' (no inbound bytes since rabbitpulse first saw it, so possibly longer)' : '') +
    `. Warning beyond ${fmtSecondsPlain(warnSilenceSec(hb.timeoutSec))}; the broker may drop it from ${fmtSecondsPlain(critSec)} (the end of the bar). ` +
    'The tick marks the timeout.';
  return (
    <span className={`${className} meter-${hb.level}`} title={title} data-testid="silence-meter">
      <span className="meter-track" aria-hidden="true">
        <span className="meter-fill" style={{ width: `${Math.min(1, hb.silenceSec / critSec) * 100}%` }} />
        <span className="meter-tick" style={{ left: `${(hb.timeoutSec / critSec) * 100}%` }} />
      </span>
      <span className="meter-text">
        {hb.level !== 'ok' ? (
          <span className="meter-icon" aria-hidden="true">
            {LEVEL_ICON[hb.level]}
          </span>
        ) : null}
        {lowerBound}
        {fmtSecondsPlain(hb.silenceSec)} / {fmtSecondsPlain(hb.timeoutSec)}
      </span>
      <span className="sr-only">{hb.level === 'ok' ? '' : hb.level === 'warn' ? 'warning' : 'critical'}</span>
    </span>
  );
}
