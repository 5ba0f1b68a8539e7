import type { PulseEvent } from '../contract';

/** Recent events, newest first, bounded so a churning broker cannot grow memory. */
export class EventLog {
  private events: PulseEvent[] = [];

  constructor(private readonly max: number) {}

  add(newEvents: readonly PulseEvent[]): void {
    if (newEvents.length === 0) return;
    // Events usually arrive newest; restored ones are older, so merge by time rather than prepend.
    // An event with a known id is a restatement (a close refined by the broker's log line): it replaces the old one.
    const restated = new Set(newEvents.map((e) => e.id));
    const kept = this.events.filter((e) => !restated.has(e.id));
    this.events = [...newEvents, ...kept].sort((a, b) => b.at - a.at).slice(0, this.max);
  }

  get(id: string): PulseEvent | undefined {
    return this.events.find((e) => e.id === id);
  }

  recent(limit = this.max, filter?: { targetId?: string }): PulseEvent[] {
    const list = filter?.targetId ? this.events.filter((e) => e.targetId === filter.targetId) : this.events;
    return list.slice(0, limit);
  }
}
