import type { Certainty, CloseCause } from '../contract';
import type { CloseOrder } from './close-order';
import { judgeSilence } from './closures';

/**
 * Combines the two kinds of evidence about another application's close: the
 * order of broker events (orderly or abrupt) and how long the connection had
 * been silent against its heartbeat timeout.
 */
export function judgeObservedClose(
  order: CloseOrder,
  timeoutSec: number | null,
  silenceSec: number | null,
  projectedSilenceSec: number | null,
): { cause: CloseCause; certainty: Certainty } {
  const silence = judgeSilence(timeoutSec, silenceSec, projectedSilenceSec);
  if (order === 'abrupt') {
    // Dropped without a handshake after going quiet for its timeout: the broker's heartbeat check did it.
    if (silence.cause === 'heartbeat-suspected') return { cause: 'heartbeat-suspected', certainty: 'likely' };
    // The broker's counter lags up to 5 s and polls are 5 s apart, so for short timeouts the last poll can
    // miss the silence; if it could have lasted the timeout by the close, heartbeats remain possible.
    if (timeoutSec && timeoutSec > 0 && projectedSilenceSec !== null && projectedSilenceSec >= timeoutSec) {
      return { cause: 'heartbeat-suspected', certainty: 'possible' };
    }
    return { cause: 'abrupt', certainty: 'likely' };
  }
  if (order === 'clean') return { cause: 'clean', certainty: 'likely' };
  return silence;
}
