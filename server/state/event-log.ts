import type { PulseEvent } from '../contract';

/** Recent events, newest first, bounded so a churning broker cannot grow memory. */
export class EventLog {
  private events: PulseEvent[] = [];

  constructor(private readonly max: number) {}

  add(newEvents: readonly PulseEvent[]): void {
    if (newEvents.length === 0) return;
    // Events usually arrive newest; restored ones are older, so merge by time rather than prepend.
    const known = new Set(this.events.map((e) => e.id));
    const fresh = newEvents.filter((e) => !known.has(e.id));
    this.events = [...fresh, ...this.events].sort((a, b) => b.at - a.at).slice(0, this.max);
  }

  recent(limit = this.max, filter?: { targetId?: string }): PulseEvent[] {
    const list = filter?.targetId ? this.events.filter((e) => e.targetId === filter.targetId) : this.events;
    return list.slice(0, limit);
  }
}
