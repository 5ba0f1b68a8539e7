import type { Delta, PulseEvent } from '../../../server/contract';

/** One close event as a client received it: as first sent, and whether it came again in the broker's words. */
export interface ReceivedClose {
  first: PulseEvent;
  /** A later delta carried the same event id with `source: 'broker-log'`: the log line came after the close was posted. */
  refined: boolean;
}

/**
 * The connection.closed events in these deltas that `match`, by event id. The
 * hub posts a close at once (or after the joiner's wait for its log line) and,
 * when the broker's line comes later, sends the same event again restated in
 * the broker's words (hub.refineBrokerClose).
 */
export function receivedCloses(deltas: readonly Delta[], match: (e: PulseEvent) => boolean): Map<string, ReceivedClose> {
  const byId = new Map<string, ReceivedClose>();
  for (const d of deltas) {
    for (const e of d.events) {
      if (e.kind !== 'connection.closed' || !match(e)) continue;
      const seen = byId.get(e.id);
      if (!seen) byId.set(e.id, { first: e, refined: false });
      else if (e.source === 'broker-log') seen.refined = true;
    }
  }
  return byId;
}

/** How many of these closes came first from each source, and how many were refined later. */
export function tallySources(closes: Iterable<ReceivedClose>): { bySource: Record<string, number>; refined: number } {
  const bySource: Record<string, number> = {};
  let refined = 0;
  for (const c of closes) {
    bySource[c.first.source] = (bySource[c.first.source] ?? 0) + 1;
    if (c.refined) refined++;
  }
  return { bySource, refined };
}
