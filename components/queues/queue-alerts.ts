import type { Alert } from '../../server/contract';
import { SEVERITY_RANK } from '../alerts/alert-model';
import { rowKeyOf } from '../live/rows';

/**
 * The firing alerts on each queue, keyed like the queues table's rows
 * (target and queue id), most severe first, then longest firing. Taken from
 * the alerts the live view already holds, so the table needs no request of
 * its own. Pending and resolved alerts are not marks on a queue: the first
 * may never fire, the second is over.
 */
export function firingByQueue(alerts: readonly Alert[]): Map<string, Alert[]> {
  const out = new Map<string, Alert[]>();
  for (const a of alerts) {
    if (a.state !== 'firing' || a.object.kind !== 'queue') continue;
    const key = rowKeyOf(a.targetId, a.object.id);
    out.set(key, [...(out.get(key) ?? []), a]);
  }
  for (const list of out.values()) list.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.firedAt ?? a.since) - (b.firedAt ?? b.since));
  return out;
}
