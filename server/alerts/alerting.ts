import type { Config } from '../config/schema';
import type { Alert, DeliveryStatus, PulseEvent, Silence, TargetState } from '../contract';
import type { Logger } from '../log';
import type { History } from '../persistence/types';
import { inert } from '../shared/inert';
import { keepRecentDeliveries, RECENT_DELIVERIES, RESOLVED_ALERT_WINDOW_MS } from '../shared/alert-lists';
import type { Hub } from '../state/hub';
import { DeliveryLoop } from './delivery/outbox-loop';
import type { StoreHealth, StoreHealthListener } from './delivery/store-health';
import { AlertEngine } from './engine';
import { createNotifiers, notifierInfo } from './notifiers';
import { effectiveRules } from './rules';
import { deliveryStatusOf, type Notification } from './types';


/**
 * Wires alerting into the running server as a plain subscriber of the hub:
 * every change that carries new target state or events re-evaluates that
 * target (in a later turn, on the state the change carried); alert changes go
 * to the hub (browsers), the history (restarts) and, when they notify, the
 * outbox (written before sending, so a restart loses nothing).
 */
export class Alerting {
  readonly engine: AlertEngine;
  private readonly delivery: DeliveryLoop;
  private readonly deliveries = new Map<string, DeliveryStatus>();
  private unsubscribe: (() => void) | null = null;
  /** Targets to evaluate at the next turn, and how much of the rule set. */
  private readonly due = new Map<string, 'all' | 'non-poll'>();
  /** Each target's latest state, as the hub last handed it over (events alone come without one). */
  private readonly latest = new Map<string, TargetState>();
  private evaluation: NodeJS.Immediate | null = null;

  constructor(
    private readonly config: Config,
    private readonly hub: Hub,
    private readonly history: History,
    private readonly log: Logger,
    /** Told when the outbox in the history starts or stops failing (see DeliveryLoop.storeHealth). */
    onOutboxHealth?: StoreHealthListener,
  ) {
    const notifiers = createNotifiers(config.notifiers);
    this.delivery = new DeliveryLoop({
      store: history,
      notifiers,
      config: config.delivery,
      log,
      onStoreHealth: onOutboxHealth,
      onChange: (statuses) => {
        for (const s of statuses) this.deliveries.set(s.id, s);
        this.trimDeliveries();
        hub.publishAlertChanges({ deliveries: statuses });
        // After the list: each alert counts its own deliveries, and says so in an alert change.
        this.engine.recordDeliveries(statuses);
      },
    });
    this.engine = new AlertEngine({
      rules: effectiveRules(config.alerts.rules),
      reminderIntervalMs: config.alerts.reminderIntervalMs,
      targetNames: new Map(config.targets.map((t) => [t.id, t.name])),
      ...(config.alerts.dashboardUrl ? { dashboardUrl: config.alerts.dashboardUrl } : {}),
      notifiers: config.notifiers,
      onChange: (alerts, transitions, removed) => {
        history.recordAlerts(alerts, transitions);
        hub.publishAlertChanges({ alerts, removeAlerts: removed });
      },
      onNotify: (n, notifierIds) => void this.notify(n, notifierIds),
    });
  }

  /**
   * Restores alerts, silences and recent deliveries from the history, and the
   * events the rules look back on (`events`, newest first, as the history
   * gives them), then starts.
   */
  async start(events: readonly PulseEvent[]): Promise<void> {
    const [alerts, silences, recent] = await Promise.all([
      this.history.loadAlerts(RESOLVED_ALERT_WINDOW_MS),
      this.history.loadSilences(Date.now()),
      this.history.recent(RECENT_DELIVERIES),
    ]);
    this.engine.restore(alerts, silences);
    this.engine.recordEvents([...events].reverse());
    for (const item of recent) this.deliveries.set(item.id, deliveryStatusOf(item));
    this.hub.attachAlerts(() => ({
      alerts: this.engine.list(),
      silences: this.engine.silences(),
      notifiers: this.config.notifiers.map(notifierInfo),
      deliveries: this.recentDeliveries(),
    }));
    this.unsubscribe = this.hub.onDelta((delta, { states }) => {
      if (delta.events.length) this.engine.recordEvents(delta.events);
      for (const [id, state] of states) this.latest.set(id, state);
      if (!this.config.alerts.enabled) return;
      // Rules that read the poll see new data only when a poll lands (a sample, or a status
      // change when it failed); the probe's state every second and events concern the others.
      // At 5,000 connections, running every rule on every probe update cost the main thread
      // a pass over the whole target each second.
      for (const t of delta.targets) if (t.sample || t.summary?.status) this.due.set(t.targetId, 'all');
      for (const id of [...delta.targets.map((t) => t.targetId), ...delta.events.map((e) => e.targetId)]) if (!this.due.has(id)) this.due.set(id, 'non-poll');
      // Evaluated just after, not inside, the delivery of the delta: browsers get the delta
      // first, a close arriving meanwhile is not held up behind a pass over every rule, and
      // the alert changes it makes are published in their own turn.
      if (!this.evaluation) this.evaluation = setImmediate(() => this.evaluateDue());
    });
    this.delivery.start();
  }

  private evaluateDue(): void {
    this.evaluation = null;
    const due = [...this.due];
    this.due.clear();
    for (const [id, scope] of due) {
      const state = this.latest.get(id);
      if (state) this.engine.evaluateTarget(state, scope);
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.evaluation) clearImmediate(this.evaluation);
    this.evaluation = null;
    await this.delivery.stop();
  }

  acknowledge(alertId: string): Alert | null {
    return this.engine.acknowledge(alertId);
  }

  addSilence(silence: Silence): void {
    this.engine.addSilence(silence);
    this.history.saveSilence(silence);
    this.hub.publishAlertChanges({ silences: this.engine.silences() });
  }

  removeSilence(id: string): boolean {
    const removed = this.engine.removeSilence(id);
    if (removed) {
      this.history.deleteSilence(id);
      this.hub.publishAlertChanges({ silences: this.engine.silences() });
    }
    return removed;
  }

  /** Sends a test notification through one notifier; resolves once it is in the outbox. */
  async sendTest(notifierId: string): Promise<DeliveryStatus[] | null> {
    if (!this.config.notifiers.some((n) => n.id === notifierId)) return null;
    return this.delivery.enqueue(this.engine.testNotification(), [notifierId]);
  }

  /** Whether the outbox in the history can be read and written, as delivery last found. */
  outboxHealth(): StoreHealth {
    return this.delivery.storeHealth();
  }

  recentDeliveries(): DeliveryStatus[] {
    return [...this.deliveries.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Queues a notification the engine routed (it chose `ids`, and counted those it skipped on the alert). */
  private async notify(n: Notification, ids: string[]): Promise<void> {
    try {
      await this.delivery.enqueue(n, ids);
    } catch (err) {
      // inert: the id embeds broker object names, and an ESC in them would reach the operator's terminal.
      this.log.error(`alert ${inert(n.alert.id)}: could not queue its ${n.kind} notification: ${(err as Error).message}`);
    }
  }

  private trimDeliveries(): void {
    if (this.deliveries.size <= RECENT_DELIVERIES) return;
    const kept = new Set(keepRecentDeliveries([...this.deliveries.values()]).map((d) => d.id));
    for (const id of this.deliveries.keys()) if (!kept.has(id)) this.deliveries.delete(id);
  }
}
