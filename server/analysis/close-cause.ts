import type { Certainty, CloseCause } from '../contract';
import type { CloseOrder } from './close-order';
import { judgeSilence } from './closures';

/**
 * How far the byte counters in the management API can trail the wire: two
 * statistics intervals (5 s each by default), one in the connection process
 * that samples its socket and one in the metrics collector that publishes the
 * sample. Measured on RabbitMQ 3.10 (poll every 200 ms, amqplib client that
 * stops sending): its last bytes showed up 8.4–9.2 s later.
 */
export const STATS_LAG_SEC = 10;

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
    // The broker drops a connection after 2–3 timeouts of real silence, and its counter lags the wire
    // by up to STATS_LAG_SEC, so for short timeouts the last poll can miss most of the silence.
    // If the real silence could have reached two timeouts by the close, missed heartbeats remain possible.
    if (timeoutSec && timeoutSec > 0 && projectedSilenceSec !== null && projectedSilenceSec + STATS_LAG_SEC >= 2 * timeoutSec) {
      return { cause: 'heartbeat-suspected', certainty: 'possible' };
    }
    return { cause: 'abrupt', certainty: 'likely' };
  }
  if (order === 'clean') return { cause: 'clean', certainty: 'likely' };
  // The one outside sign of a force-close without the broker's log (CloseOrderTracker): probable, not certain.
  if (order === 'forced') return { cause: 'forced', certainty: 'likely' };
  return silence;
}
