import type { Hub } from '../state/hub';
import type { History } from './types';

/**
 * Keeps what the hub publishes that must outlive a restart: events (the
 * timeline and /api/v1/events) and each target's poll samples (the charts'
 * long ranges). A plain subscriber: it reads deltas and writes nothing back.
 * Returns the unsubscribe function.
 */
export function recordHistory(hub: Pick<Hub, 'onDelta'>, history: Pick<History, 'recordEvents' | 'recordSample'>): () => void {
  return hub.onDelta((delta) => {
    if (delta.events.length) history.recordEvents(delta.events);
    for (const t of delta.targets) if (t.sample) history.recordSample(t.targetId, t.sample);
  });
}
