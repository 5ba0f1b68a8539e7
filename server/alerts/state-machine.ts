import type { Alert, AlertEvidence, AlertObject, AlertState, DeliveryKind, Severity } from '../contract';
import { withSilenced } from '../shared/notification-tally';

/** What the engine remembers about one alert between evaluations. */
export interface AlertInstance {
  alert: Alert;
  /** Since when the condition has been clear (firing alerts only), for hysteresis. */
  clearSince: number | null;
  lastNotifiedAt: number | null;
  /** Numbers raised notifications, for idempotency keys that stay unique across episodes (restored from `alert.notifications`). */
  notifySeq: number;
}

export interface RuleTiming {
  id: string;
  title: string;
  severity: Severity;
  forMs: number;
  resolveAfterMs: number;
  explanation: string;
}

export interface StepInput {
  now: number;
  /** The condition's observation now, or null when it does not hold (or the object is gone). */
  observation: { object: AlertObject; value: string; severity?: Severity; evidence?: AlertEvidence } | null;
  reminderIntervalMs: number;
  silenced: boolean;
}

export interface StepResult {
  next: AlertInstance | undefined;
  /** A notification to send, if any (already suppressed when silenced). */
  notify: DeliveryKind | null;
  transition: { from: AlertState | null; to: AlertState } | null;
}

export const alertId = (ruleId: string, targetId: string, object: AlertObject) => `${ruleId}|${targetId}|${object.kind}:${object.id}`;

/**
 * One step of one alert's life, as a pure function (Gatus-style): the rule's
 * condition holds or not now → pending → firing after `forMs` → resolved after
 * the condition has been clear for `resolveAfterMs`. A pending alert whose
 * condition clears is simply dropped: it never notified anyone. While firing,
 * an unacknowledged alert is reminded every `reminderIntervalMs`.
 */
export function step(prev: AlertInstance | undefined, rule: RuleTiming, targetId: string, input: StepInput): StepResult {
  const { now, observation } = input;
  const active = prev && prev.alert.state !== 'resolved' ? prev : undefined;

  if (!active) {
    if (!observation) return { next: prev, notify: null, transition: null };
    const started = startEpisode(prev, rule, targetId, observation, now);
    return rule.forMs <= 0 ? fire(started, now, input, 'pending') : { next: started, notify: null, transition: { from: prev?.alert.state ?? null, to: 'pending' } };
  }

  if (observation) {
    const refreshed: AlertInstance = {
      ...active,
      clearSince: null,
      alert: {
        ...active.alert,
        value: observation.value,
        object: observation.object,
        severity: observation.severity ?? active.alert.severity,
        ...(observation.evidence ? { evidence: observation.evidence } : {}),
      },
    };
    if (active.alert.state === 'pending') {
      return now - active.alert.since >= rule.forMs ? fire(refreshed, now, input, 'pending') : { next: refreshed, notify: null, transition: null };
    }
    return remind(refreshed, now, input);
  }

  // The condition no longer holds.
  if (active.alert.state === 'pending') return { next: undefined, notify: null, transition: null };
  const clearSince = active.clearSince ?? now;
  if (now - clearSince < rule.resolveAfterMs) return { next: { ...active, clearSince }, notify: null, transition: null };
  const resolved: AlertInstance = { ...active, clearSince, alert: { ...active.alert, state: 'resolved', since: now, resolvedAt: now } };
  return notifyIfAllowed(resolved, 'resolved', now, input, { from: 'firing', to: 'resolved' });
}

function startEpisode(prev: AlertInstance | undefined, rule: RuleTiming, targetId: string, obs: NonNullable<StepInput['observation']>, now: number): AlertInstance {
  return {
    alert: {
      id: alertId(rule.id, targetId, obs.object),
      rule: rule.id,
      title: rule.title,
      severity: obs.severity ?? rule.severity,
      state: 'pending',
      targetId,
      object: obs.object,
      since: now,
      firstSeenAt: now,
      firedAt: null,
      resolvedAt: null,
      value: obs.value,
      explanation: rule.explanation,
      acknowledgedAt: null,
      silencedUntil: null,
      // Numbering goes on across episodes; `delivery` starts empty, as it tells this episode's story.
      notifications: prev?.alert.notifications ?? 0,
      ...(obs.evidence ? { evidence: obs.evidence } : {}),
    },
    clearSince: null,
    lastNotifiedAt: null,
    notifySeq: prev?.notifySeq ?? 0,
  };
}

function fire(instance: AlertInstance, now: number, input: StepInput, from: AlertState): StepResult {
  const firing: AlertInstance = { ...instance, alert: { ...instance.alert, state: 'firing', since: now, firedAt: now } };
  return notifyIfAllowed(firing, 'firing', now, input, { from, to: 'firing' });
}

function remind(instance: AlertInstance, now: number, input: StepInput): StepResult {
  const due =
    input.reminderIntervalMs > 0 &&
    instance.alert.acknowledgedAt === null &&
    instance.lastNotifiedAt !== null &&
    now - instance.lastNotifiedAt >= input.reminderIntervalMs;
  return due ? notifyIfAllowed(instance, 'reminder', now, input, null) : { next: instance, notify: null, transition: null };
}

/**
 * Silenced alerts change state as usual but send nothing. A held-back firing
 * or resolved is counted, so the alert can say why nobody heard of it; a
 * reminder is not, as it stays due at every step until the silence ends.
 */
function notifyIfAllowed(instance: AlertInstance, kind: DeliveryKind, now: number, input: StepInput, transition: StepResult['transition']): StepResult {
  if (input.silenced) {
    const next = kind === 'reminder' ? instance : { ...instance, alert: { ...instance.alert, delivery: withSilenced(instance.alert.delivery) } };
    return { next, notify: null, transition };
  }
  return {
    next: { ...instance, lastNotifiedAt: now, notifySeq: instance.notifySeq + 1, alert: { ...instance.alert, notifications: instance.alert.notifications + 1 } },
    notify: kind,
    transition,
  };
}
