import type { Alert } from '../contract';

/**
 * The pending and firing alerts of each target, kept from the alert changes
 * the hub publishes, so a target's health can be derived on every write
 * without asking alerting for its whole list.
 */
export class ActiveAlerts {
  private readonly byTarget = new Map<string, Map<string, Alert>>();
  /** Alert id → its target, for removals, which come as ids only. */
  private readonly targetOf = new Map<string, string>();

  /** Applies changed alerts (resolved ones leave) and removals; returns the targets whose list changed. */
  apply(upserts: readonly Alert[], removals: readonly string[] = []): Set<string> {
    const touched = new Set<string>();
    for (const id of removals) {
      const targetId = this.targetOf.get(id);
      if (targetId !== undefined && this.drop(targetId, id)) touched.add(targetId);
    }
    for (const alert of upserts) {
      if (alert.state === 'resolved') {
        if (this.drop(alert.targetId, alert.id)) touched.add(alert.targetId);
        continue;
      }
      let list = this.byTarget.get(alert.targetId);
      if (!list) this.byTarget.set(alert.targetId, (list = new Map()));
      list.set(alert.id, alert);
      this.targetOf.set(alert.id, alert.targetId);
      touched.add(alert.targetId);
    }
    return touched;
  }

  of(targetId: string): Alert[] {
    return [...(this.byTarget.get(targetId)?.values() ?? [])];
  }

  private drop(targetId: string, id: string): boolean {
    this.targetOf.delete(id);
    return this.byTarget.get(targetId)?.delete(id) ?? false;
  }
}
