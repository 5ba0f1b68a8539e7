import type { ConnectionHealth, QueueHealth, TargetState } from '../../server/contract';
import type { LiveView } from '../../server/stream/apply-delta';

/** A connection or queue together with the target it belongs to, for cross-target tables. */
export interface TargetRow<T> {
  key: string;
  targetId: string;
  targetName: string;
  item: T;
}

export type ConnectionRow = TargetRow<ConnectionHealth>;
export type QueueRow = TargetRow<QueueHealth>;

/** NUL cannot appear in a target id, so the pair is unambiguous. */
export function rowKeyOf(targetId: string, itemId: string): string {
  return `${targetId}\u0000${itemId}`;
}

function rowsOf<T extends { id: string }>(view: LiveView, pick: (t: TargetState) => T[]): TargetRow<T>[] {
  const out: TargetRow<T>[] = [];
  for (const target of view.targets) {
    for (const item of pick(target)) {
      out.push({ key: rowKeyOf(target.id, item.id), targetId: target.id, targetName: target.displayName, item });
    }
  }
  return out;
}

export function connectionRows(view: LiveView): ConnectionRow[] {
  return rowsOf(view, (t) => t.connections);
}

export function queueRows(view: LiveView): QueueRow[] {
  return rowsOf(view, (t) => t.queues);
}
