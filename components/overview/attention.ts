import type { Alert, TargetState } from '../../server/contract';
import { groupAlerts } from '../alerts/alert-model';
import { connectionStateLevel, isThrottled } from '../health/connection-state';
import { heartbeatLevel, marginSortKey } from '../health/heartbeat';
import type { Level } from '../health/level';
import { prefetchSummary } from '../health/prefetch';
import { healthNeedsWords } from '../health/target-health';
import type { ConnectionRow } from '../live/rows';

export interface AttentionGroup {
  id: 'heartbeat' | 'send-pend' | 'throttled' | 'prefetch';
  title: string;
  /** One sentence on why this matters, shown under the title. */
  why: string;
  /** How many connections qualify; only the first few are listed. */
  total: number;
  items: Array<{ row: ConnectionRow; level: Level }>;
}

const LIST_LIMIT = 5;

/** Applications' connections: rabbitpulse's own (probe, events) are never findings about an application. */
export function applicationRows(rows: readonly ConnectionRow[]): ConnectionRow[] {
  return rows.filter((r) => !r.item.own);
}

/**
 * The "needs attention" lists: the few connections closest to each failure
 * the tool exists to catch. Pure, so it can be tested with plain arrays.
 * Takes application rows only (see applicationRows).
 */
export function attentionGroups(rows: readonly ConnectionRow[]): AttentionGroup[] {
  const byMargin = rows
    .filter((r) => marginSortKey(r.item) !== null)
    .sort((a, b) => marginSortKey(a.item)! - marginSortKey(b.item)!);
  const sendPend = rows.filter((r) => (r.item.sendPend ?? 0) > 0).sort((a, b) => b.item.sendPend! - a.item.sendPend!);
  const throttled = rows.filter((r) => isThrottled(r.item.state));
  const unbounded = rows.filter((r) => prefetchSummary(r.item).level === 'crit').sort((a, b) => b.item.unacked - a.item.unacked);

  return [
    {
      id: 'heartbeat',
      title: 'Lowest heartbeat margin',
      why: 'Silent well past its heartbeat timeout, the broker drops the connection without a close frame.',
      total: byMargin.filter((r) => heartbeatLevel(r.item) !== 'ok').length,
      items: byMargin.slice(0, LIST_LIMIT).map((row) => ({ row, level: heartbeatLevel(row.item) })),
    },
    {
      id: 'send-pend',
      title: 'Send buffer backing up',
      why: 'send_pend > 0: the client is not reading fast enough and TCP backpressure is building.',
      total: sendPend.length,
      items: sendPend.slice(0, LIST_LIMIT).map((row) => ({ row, level: 'warn' as Level })),
    },
    {
      id: 'throttled',
      title: 'Flow control or blocked',
      why: 'Publishers are being throttled (flow) or stopped by a memory or disk alarm (blocked).',
      total: throttled.length,
      items: throttled.slice(0, LIST_LIMIT).map((row) => ({ row, level: connectionStateLevel(row.item.state) })),
    },
    {
      id: 'prefetch',
      title: 'Manual ack with unlimited prefetch',
      why: 'Prefetch 0 lets the broker push the whole backlog into one slow consumer.',
      total: unbounded.length,
      items: unbounded.slice(0, LIST_LIMIT).map((row) => ({ row, level: 'crit' as Level })),
    },
  ];
}

/** Alerts listed in full before the rest; more are counted, and the alerts page has them all. */
export const ALERTS_LISTED = 5;

/**
 * What leads "Needs attention", before the connections at risk: the targets
 * whose health names a problem (or cannot tell yet), and the alerts, firing
 * (most severe, unhandled, longest firing first) then pending (closest to
 * firing first).
 */
export function attentionLead(targets: readonly TargetState[], alerts: readonly Alert[], now: number): { targets: TargetState[]; alerts: Alert[] } {
  const shown = new Set(targets.map((t) => t.id));
  const { firing, pending } = groupAlerts(
    alerts.filter((a) => shown.has(a.targetId)),
    now,
  );
  return { targets: targets.filter((t) => healthNeedsWords(t.health)), alerts: [...firing, ...pending] };
}
