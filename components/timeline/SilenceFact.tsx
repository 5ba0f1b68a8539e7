import type { LastKnownConnection } from '../../server/contract';
import { projectedSilenceSec, silenceBeforeClose, stillSendingWords } from '../../server/shared/silence-before-close';
import { SilenceMeter } from '../connections/SilenceMeter';

/**
 * A closed connection's silence as its last poll saw it, in the words of the
 * explanation above it (silenceBeforeClose). A meter reading "0 s" beside
 * "missed heartbeats suspected" would say it was never silent; what it says
 * is that it was still sending at that poll, some seconds before the close.
 */
export function SilenceFact({ last, closedAt }: { last: LastKnownConnection; closedAt: number }) {
  const silence = silenceBeforeClose(last.silenceSec, projectedSilenceSec(last.silenceSec, last.lastSeenAt, closedAt));
  const meter = <SilenceMeter connection={{ ...last, silenceSinceFirstSeen: false }} />;
  if (silence.kind === 'still-sending') {
    return (
      <div data-testid="silence-fact" data-kind={silence.kind}>
        <dt>Silence at the last poll</dt>
        <dd>{stillSendingWords(silence.beforeSec)}</dd>
      </div>
    );
  }
  if (silence.kind === 'silent-at-poll') {
    return (
      <div data-testid="silence-fact" data-kind={silence.kind}>
        <dt>Silence at the last poll</dt>
        <dd>
          {meter}
          <span className="muted small"> · {silence.beforeSec} s before it vanished</span>
        </dd>
      </div>
    );
  }
  return (
    <div data-testid="silence-fact" data-kind={silence.kind}>
      <dt>Silence before vanishing</dt>
      <dd>{meter}</dd>
    </div>
  );
}
