/**
 * Remembers the top-level parts of an object as last sent, so a delta can
 * carry only the parts that changed, each whole (the receiver merges them
 * over what it has). Used for a target's summary (its status changes every
 * poll, its node list rarely) and the probe's state (its heartbeat timing
 * moves every second, its outage and large-message history rarely).
 *
 * This is sound because every change is sent the moment it is made: what a
 * snapshot holds is always exactly what was last sent.
 */
export class SentParts<T extends object> {
  private readonly sent = new Map<keyof T, string>();

  /**
   * The parts of `current` that differ from what was last sent; they count as
   * sent from now on. Parts `current` leaves out are not compared (the hub
   * gives a target's health alone, after an alert change).
   */
  changes(current: Partial<T>): Partial<T> {
    const changed: Partial<T> = {};
    for (const key of Object.keys(current) as Array<keyof T>) {
      const json = JSON.stringify(current[key]);
      if (this.sent.get(key) === json) continue;
      this.sent.set(key, json);
      changed[key] = current[key];
    }
    return changed;
  }
}
