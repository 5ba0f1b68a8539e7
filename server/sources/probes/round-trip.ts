import type { RoundTripStats } from '../../contract';
import { percentile, RecentWindow } from '../../analysis/percentiles';

/**
 * Bookkeeping for the round-trip probe: publish → broker confirm, and
 * publish → delivery back to us. A message not delivered back by the
 * deadline counts as lost, even if the broker confirmed it: confirmed but
 * never delivered is the worse failure. Pure state; the probe connection feeds it.
 */
export class RoundTripTracker {
  private sent = 0;
  private confirmed = 0;
  private delivered = 0;
  private lost = 0;
  private lastConfirmMs: number | null = null;
  private lastDeliverMs: number | null = null;
  private readonly inFlight = new Map<string, { sentAt: number; confirmed: boolean; delivered: boolean }>();
  private readonly confirms = new RecentWindow(300, 5 * 60_000);
  private readonly deliveries = new RecentWindow(300, 5 * 60_000);

  constructor(
    private readonly intervalMs: number,
    private readonly deadlineMs: number,
  ) {}

  published(id: string, at: number): void {
    this.sent++;
    this.inFlight.set(id, { sentAt: at, confirmed: false, delivered: false });
  }

  confirmedAt(id: string, at: number): void {
    const m = this.inFlight.get(id);
    if (!m || m.confirmed) return;
    m.confirmed = true;
    this.confirmed++;
    this.lastConfirmMs = at - m.sentAt;
    this.confirms.add(at, this.lastConfirmMs);
    this.settle(id, m);
  }

  deliveredAt(id: string, at: number): void {
    const m = this.inFlight.get(id);
    if (!m || m.delivered) return;
    m.delivered = true;
    this.delivered++;
    this.lastDeliverMs = at - m.sentAt;
    this.deliveries.add(at, this.lastDeliverMs);
    this.settle(id, m);
  }

  /** Counts overdue messages as lost; call periodically and when the connection drops. */
  expire(now: number, all = false): void {
    for (const [id, m] of this.inFlight) {
      if (all || now - m.sentAt > this.deadlineMs) {
        this.inFlight.delete(id);
        this.lost++;
      }
    }
  }

  stats(now: number): RoundTripStats {
    const c = this.confirms.values(now);
    const d = this.deliveries.values(now);
    return {
      intervalMs: this.intervalMs,
      sent: this.sent,
      confirmed: this.confirmed,
      delivered: this.delivered,
      lost: this.lost,
      lastConfirmMs: this.lastConfirmMs,
      lastDeliverMs: this.lastDeliverMs,
      confirmP50Ms: percentile(c, 50),
      confirmP99Ms: percentile(c, 99),
      deliverP50Ms: percentile(d, 50),
      deliverP99Ms: percentile(d, 99),
    };
  }

  private settle(id: string, m: { confirmed: boolean; delivered: boolean }): void {
    if (m.confirmed && m.delivered) this.inFlight.delete(id);
  }
}
