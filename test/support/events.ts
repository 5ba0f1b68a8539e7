import type { PulseEvent } from '../../server/contract';
import type { LiveClient } from './live-client';
import { waitFor } from './wait';

/**
 * Waits until the socket stream has delivered an event matching `match`, and
 * returns it with the time it arrived here — so tests can assert how soon
 * after the fault a browser would have shown it.
 */
export async function waitForStreamedEvent(
  live: LiveClient,
  description: string,
  match: (e: PulseEvent) => boolean,
  timeoutMs = 20_000,
): Promise<{ event: PulseEvent; receivedAt: number }> {
  return waitFor(
    description,
    () => {
      for (const d of live.deltas) {
        const event = d.events.find(match);
        if (event) return { event, receivedAt: live.receivedAt.get(d.seq) ?? Date.now() };
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 20 },
  );
}
