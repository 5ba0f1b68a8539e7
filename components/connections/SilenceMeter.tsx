import type { ConnectionHealth } from '../../server/contract';
import { fmtSecondsPlain } from '../format';
import { heartbeatView } from '../health/heartbeat';
import { LEVEL_ICON } from '../health/level';

type Input = Pick<ConnectionHealth, 'heartbeatTimeoutSec' | 'silenceSec' | 'silenceSinceFirstSeen'>;

/**
 * Silence drawn against the heartbeat timeout: the bar fills as the
 * connection approaches the moment the broker hangs up on it.
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
  const lowerBound = connection.silenceSinceFirstSeen ? '≥ ' : '';
  const title =
    `Silent for ${lowerBound}${fmtSecondsPlain(hb.silenceSec)} of a ${fmtSecondsPlain(hb.timeoutSec)} heartbeat timeout` +
    (connection.silenceSinceFirstSeen ? ' (no inbound bytes since rabbitpulse first saw it, so possibly longer).' : '.');
  return (
    <span className={`${className} meter-${hb.level}`} title={title}>
      <span className="meter-track" aria-hidden="true">
        <span className="meter-fill" style={{ width: `${Math.min(1, hb.ratio) * 100}%` }} />
        <span className="meter-tick" style={{ left: '50%' }} />
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
