import type { Alert, AlertObject, DeliveryStatus, PulseEvent, Silence, TargetState } from '../contract';
import type { AlertTransition } from '../persistence/types';
import { coveredUntil } from '../shared/silence-match';
import type { EffectiveRule } from './rules';
import { isJudged, type EvalScope } from './rules/judged';
import { RULE_MEMORY_MS } from './rules/params';
import type { Condition } from './rules/types';
import { alertId, step, type AlertInstance } from './state-machine';
import type { Notification } from './types';
import { RESOLVED_ALERT_WINDOW_MS } from '../shared/alert-lists';
import { withSkips, withStatus } from '../shared/notification-tally';
import { route, type RouteConfig } from './notifiers/routing';

export interface AlertEngineOptions {
  rules: readonly EffectiveRule[];
  reminderIntervalMs: number;
  targetNames: ReadonlyMap<string, string>;
  dashboardUrl?: string;
  /** The configured notifiers, for routing (what each takes); none = nobody is notified. */
  notifiers: readonly RouteConfig[];
  /** Alerts whose state or value changed, and ids of pending alerts that cleared before firing (for the hub and the history). */
  onChange: (alerts: Alert[], transitions: AlertTransition[], removed: string[]) => void;
  /** A notification to queue for these notifiers (never none): those the rule names that take the alert. */
  onNotify: (notification: Notification, notifierIds: string[]) => void;
  now?: () => number;
}

/** Events and measurements kept for the rules; their windows are capped to it (rules/params.ts). */
const MEMORY_MS = RULE_MEMORY_MS;

/**
 * Runs every rule over a target's state after each update and walks each
 * alert's state machine. The engine holds state; the rules and the state
 * machine are pure, so this class is only bookkeeping: remembered
 * measurements for growth rules, recent events, silences, and instances.
 */
export class AlertEngine {
  private readonly instances = new Map<string, AlertInstance>();
  private readonly memory = new Map<string, Array<{ at: number; value: number }>>();
  private readonly recentEvents = new Map<string, PulseEvent[]>();
  private silenceList: Silence[] = [];
  private readonly lastObservedAt = new Map<string, number | null>();
  private readonly now: () => number;

  constructor(private readonly opts: AlertEngineOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** After a restart: alerts keep their state, so a firing alert neither re-fires nor is forgotten. */
  restore(alerts: readonly Alert[], silences: readonly Silence[]): void {
    const now = this.now();
    for (const alert of alerts) {
      this.instances.set(alert.id, { alert, clearSince: null, lastNotifiedAt: alert.state === 'firing' ? now : null, notifySeq: alert.notifications });
    }
    this.silenceList = silences.filter((s) => s.until > now);
  }

  recordEvents(events: readonly PulseEvent[]): void {
    const cutoff = this.now() - MEMORY_MS;
    for (const e of events) {
      const list = this.recentEvents.get(e.targetId) ?? [];
      list.unshift(e);
      this.recentEvents.set(e.targetId, list.filter((x) => x.at >= cutoff).slice(0, 5000));
    }
  }

  /** `scope` 'non-poll' runs only the rules that do not read the poll (probe and event rules); see isJudged. */
  evaluateTarget(target: TargetState, scope: EvalScope = 'all'): void {
    const now = this.now();
    const events = (this.recentEvents.get(target.id) ?? []).filter((e) => now - e.at < MEMORY_MS);
    const ctx = { now, target, events, history: (key: string) => this.memory.get(key) ?? [] };
    const changed: Alert[] = [];
    const removed: string[] = [];
    const transitions: AlertTransition[] = [];
    for (const rule of this.opts.rules) {
      if (!isJudged(rule, target, scope)) continue;
      const conditions = new Map<string, Condition>();
      for (const c of rule.evaluate(ctx)) conditions.set(alertId(rule.id, target.id, c.object), c);
      // Every instance of this rule on this target gets a step, held or not.
      const ids = new Set(conditions.keys());
      for (const [id, inst] of this.instances) if (inst.alert.rule === rule.id && inst.alert.targetId === target.id && inst.alert.state !== 'resolved') ids.add(id);
      for (const id of ids) {
        const prev = this.instances.get(id);
        const obs = conditions.get(id) ?? null;
        const result = step(prev, rule, target.id, {
          now,
          observation: obs,
          reminderIntervalMs: this.opts.reminderIntervalMs,
          silenced: this.isSilenced(rule.id, target.id, obs?.object ?? prev?.alert.object, now),
        });
        // Routed before it is published, so the alert says at once who was skipped and why.
        const routed = result.notify && result.next ? this.route(result.next, result.notify, rule.notifiers) : null;
        const next = routed?.instance ?? result.next;
        if (next) this.instances.set(id, next);
        else this.instances.delete(id);
        if (result.transition) transitions.push({ alertId: id, at: now, from: result.transition.from, to: result.transition.to });
        const after = next?.alert;
        if (after && (!prev || prev.alert !== after) && (result.transition || prev?.alert.value !== after.value || prev?.alert.severity !== after.severity || prev?.alert.delivery !== after.delivery)) {
          changed.push(after);
        }
        if (!next && prev) removed.push(id); // a pending alert that cleared before firing
        if (routed && routed.to.length > 0 && result.notify) this.opts.onNotify(this.notification(routed.instance, result.notify, now), routed.to);
      }
    }
    // Growth rules compare polls, so remember measurements once per poll, not on every probe update.
    if (target.observedAt !== null && this.lastObservedAt.get(target.id) !== target.observedAt) {
      this.lastObservedAt.set(target.id, target.observedAt);
      for (const rule of this.opts.rules) for (const o of rule.observe?.(target) ?? []) this.remember(o.key, now, o.value);
    }
    this.prune(now);
    if (changed.length || transitions.length || removed.length) this.opts.onChange(changed, transitions, removed);
  }

  /**
   * Counts what the outbox reports into each alert's `delivery`: queued,
   * retrying, delivered, given up. Only statuses of the alert's current
   * episode count: an item queued before it began (the previous episode's
   * resolved, still retrying) is that episode's news.
   */
  recordDeliveries(statuses: readonly DeliveryStatus[]): void {
    const changed = new Map<string, Alert>();
    for (const s of statuses) {
      if (s.alertId === null) continue; // a test notification
      const inst = this.instances.get(s.alertId);
      if (!inst || s.createdAt < inst.alert.firstSeenAt) continue;
      const delivery = withStatus(inst.alert.delivery, s);
      if (delivery === inst.alert.delivery) continue;
      const alert = { ...inst.alert, delivery };
      this.instances.set(s.alertId, { ...inst, alert });
      changed.set(alert.id, alert);
    }
    if (changed.size) this.opts.onChange([...changed.values()], [], []);
  }

  acknowledge(id: string): Alert | null {
    const inst = this.instances.get(id);
    if (!inst || inst.alert.state === 'resolved') return null;
    const alert = { ...inst.alert, acknowledgedAt: this.now() };
    this.instances.set(id, { ...inst, alert });
    this.opts.onChange([alert], [], []);
    return alert;
  }

  addSilence(silence: Silence): void {
    this.silenceList = [...this.silenceList.filter((s) => s.id !== silence.id), silence];
    this.refreshSilencedUntil();
  }

  removeSilence(id: string): boolean {
    const before = this.silenceList.length;
    this.silenceList = this.silenceList.filter((s) => s.id !== id);
    this.refreshSilencedUntil();
    return this.silenceList.length !== before;
  }

  silences(): Silence[] {
    const now = this.now();
    return this.silenceList.filter((s) => s.until > now);
  }

  /** Pending and firing alerts, and those resolved in the last day, newest first. */
  list(): Alert[] {
    const now = this.now();
    return [...this.instances.values()]
      .map((i) => i.alert)
      .filter((a) => a.state !== 'resolved' || now - (a.resolvedAt ?? 0) < RESOLVED_ALERT_WINDOW_MS)
      .sort((a, b) => b.since - a.since);
  }

  get(id: string): Alert | undefined {
    return this.instances.get(id)?.alert;
  }

  /** A test notification for the given notifier, from a made-up alert that says what it is. */
  testNotification(): Notification {
    const now = this.now();
    const object: AlertObject = { kind: 'target', id: 'test', label: 'rabbitpulse test' };
    return {
      key: `test|${now}`,
      kind: 'test',
      targetName: 'rabbitpulse',
      url: this.opts.dashboardUrl ?? null,
      createdAt: now,
      alert: {
        id: 'test|rabbitpulse|target:test', rule: 'test', title: 'Test notification from rabbitpulse', severity: 'info', state: 'firing', targetId: 'test', object,
        since: now, firstSeenAt: now, firedAt: now, resolvedAt: null, value: 'This is a test; nothing is wrong.',
        explanation: 'Sent from the notifier settings to check that notifications arrive.', acknowledgedAt: null, silencedUntil: null, notifications: 0,
      },
    };
  }

  private notification(inst: AlertInstance, kind: Notification['kind'], now: number): Notification {
    const a = inst.alert;
    return {
      key: `${a.id}|${kind}|${inst.notifySeq}`,
      kind,
      alert: a,
      targetName: this.opts.targetNames.get(a.targetId) ?? a.targetId,
      url: this.opts.dashboardUrl ? dashboardLink(this.opts.dashboardUrl, a) : null,
      createdAt: now,
    };
  }

  /** Who gets a notification the state machine raised; those skipped are counted on the alert with the reason. */
  private route(inst: AlertInstance, kind: Notification['kind'], ruleNotifiers: readonly string[] | null): { instance: AlertInstance; to: string[] } {
    const { to, skipped } = route(this.opts.notifiers, ruleNotifiers, inst.alert, kind);
    if (skipped.length === 0) return { instance: inst, to };
    return { instance: { ...inst, alert: { ...inst.alert, delivery: withSkips(inst.alert.delivery, skipped) } }, to };
  }

  private isSilenced(rule: string, targetId: string, object: AlertObject | undefined, now: number): boolean {
    return coveredUntil(this.silenceList, { rule, targetId, object }, now) !== null;
  }

  private refreshSilencedUntil(): void {
    const now = this.now();
    const changed: Alert[] = [];
    for (const [id, inst] of this.instances) {
      const until = coveredUntil(this.silenceList, inst.alert, now);
      if (until !== inst.alert.silencedUntil) {
        const alert = { ...inst.alert, silencedUntil: until };
        this.instances.set(id, { ...inst, alert });
        changed.push(alert);
      }
    }
    if (changed.length) this.opts.onChange(changed, [], []);
  }

  private remember(key: string, at: number, value: number): void {
    const list = this.memory.get(key) ?? [];
    list.push({ at, value });
    while (list.length && at - list[0]!.at > MEMORY_MS) list.shift();
    this.memory.set(key, list);
  }

  private prune(now: number): void {
    for (const [key, list] of this.memory) if (!list.length || now - list[list.length - 1]!.at > MEMORY_MS) this.memory.delete(key);
    for (const [id, inst] of this.instances) if (inst.alert.state === 'resolved' && now - (inst.alert.resolvedAt ?? 0) > RESOLVED_ALERT_WINDOW_MS) this.instances.delete(id);
  }
}

function dashboardLink(base: string, a: Alert): string {
  const root = base.replace(/\/$/, '');
  if (a.object.kind === 'connection') return `${root}/connections/${encodeURIComponent(a.targetId)}/${encodeURIComponent(a.object.id)}`;
  if (a.object.kind === 'queue') return `${root}/queues?target=${encodeURIComponent(a.targetId)}&queue=${encodeURIComponent(a.object.id)}`;
  return `${root}/alerts`;
}
