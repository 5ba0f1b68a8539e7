import type { Alert, DeliveryKind, DeliveryStatus, Severity, Silence } from '../../server/contract';
import { coveredUntil } from '../../server/shared/silence-match';
import type { Level } from '../health/level';
import { connectionHref, probeHref, queueHref } from '../links';
import { RESOLVED_ALERT_WINDOW_MS } from '../../server/shared/alert-lists';

/**
 * Pure view logic for the alerts page, the top-bar badge and the toasts:
 * which alerts are where, in what order, and what to call things.
 */

export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** Severities speak the dashboard's three levels, so they get its colours and shapes. */
export const SEVERITY_LEVEL: Record<Severity, Level> = { critical: 'crit', warning: 'warn', info: 'neutral' };

export const SEVERITY_WORD: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** Resolved alerts are shown for a day, as the server keeps them in GET /api/v1/alerts. */

export interface AlertGroups {
  firing: Alert[];
  pending: Alert[];
  resolved: Alert[];
}

/**
 * Firing first (most severe, unhandled before acknowledged or silenced, then
 * longest firing), pending (closest to firing
 * first: longest pending), then resolved within the last day, newest first.
 */
export function groupAlerts(alerts: readonly Alert[], now: number): AlertGroups {
  const firing: Alert[] = [];
  const pending: Alert[] = [];
  const resolved: Alert[] = [];
  for (const a of alerts) {
    if (a.state === 'firing') firing.push(a);
    else if (a.state === 'pending') pending.push(a);
    else if ((a.resolvedAt ?? a.since) >= now - RESOLVED_ALERT_WINDOW_MS) resolved.push(a);
  }
  // Most severe first; within a severity, those nobody has acknowledged or silenced before those someone has.
  const handled = (a: Alert) => Number(a.acknowledgedAt !== null || (a.silencedUntil !== null && a.silencedUntil > now));
  firing.sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || handled(a) - handled(b) || (a.firedAt ?? a.since) - (b.firedAt ?? b.since) || byId(a, b),
  );
  pending.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.since - b.since || byId(a, b));
  resolved.sort((a, b) => (b.resolvedAt ?? b.since) - (a.resolvedAt ?? a.since) || byId(a, b));
  return { firing, pending, resolved };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface FiringSummary {
  count: number;
  /** The most severe firing alert's severity; null when nothing fires. */
  highest: Severity | null;
  bySeverity: Record<Severity, number>;
}

export function firingSummary(alerts: readonly Alert[]): FiringSummary {
  const bySeverity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  let highest: Severity | null = null;
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    bySeverity[a.severity]++;
    if (highest === null || SEVERITY_RANK[a.severity] > SEVERITY_RANK[highest]) highest = a.severity;
  }
  return { count: bySeverity.critical + bySeverity.warning + bySeverity.info, highest, bySeverity };
}

/**
 * One firing episode of one alert. An alert's id is stable across its
 * episodes (rule + object), so a re-fire after resolving is a new key.
 */
export function firingKey(a: Alert): string {
  return `${a.id}@${a.firedAt ?? a.since}`;
}

/**
 * The alerts that entered firing since `seen` was taken, and the new `seen`.
 * `seen === null` means "first look": whatever fires then was firing at load
 * and is not news.
 */
export function newlyFiring(seen: ReadonlySet<string> | null, alerts: readonly Alert[]): { fresh: Alert[]; seen: Set<string> } {
  const now = new Set<string>();
  const fresh: Alert[] = [];
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    const key = firingKey(a);
    now.add(key);
    if (seen !== null && !seen.has(key)) fresh.push(a);
  }
  return { fresh, seen: now };
}

/** Where an alert's object lives in the dashboard; null when it has no page of its own. */
export function objectHref(a: Pick<Alert, 'targetId' | 'object'>): string | null {
  const { kind, id } = a.object;
  switch (kind) {
    case 'connection':
      return connectionHref(a.targetId, id);
    case 'channel':
      // A channel's id is its broker name, `<connection name> (<number>)`, and a broker name does not
      // say which of the connections that used it over time is meant (ConnectionIdentity): no link.
      return null;
    case 'queue':
      return queueHref(a.targetId, id);
    case 'probe':
      return probeHref(a.targetId);
    case 'node':
    case 'target':
      return '/';
  }
}

export const OBJECT_KIND_WORD: Record<Alert['object']['kind'], string> = {
  target: 'broker',
  connection: 'connection',
  queue: 'queue',
  channel: 'channel',
  node: 'node',
  probe: 'probe',
};

/** Silences still in force; the server lists them until asked again, so expired ones are filtered here. */
export function activeSilences(silences: readonly Silence[], now: number): Silence[] {
  return silences.filter((s) => s.until > now).sort((a, b) => a.until - b.until || byId(a, b));
}

/** When the alert stops being silenced: the server's word, else the longest matching silence in force. */
export function silencedUntil(a: Alert, silences: readonly Silence[], now: number): number | null {
  if (a.silencedUntil !== null && a.silencedUntil > now) return a.silencedUntil;
  return coveredUntil(silences, a, now);
}

export const SILENCE_DURATIONS = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '1 h', ms: 3_600_000 },
  { label: '4 h', ms: 4 * 3_600_000 },
  { label: '24 h', ms: 24 * 3_600_000 },
] as const;

export type SilenceScope = 'object' | 'rule';

export interface SilenceRequest {
  rule?: string;
  targetId?: string;
  objectId?: string;
  durationMs: number;
  comment?: string;
}

/**
 * The body of POST /api/v1/silences. "This object" silences every rule on
 * the one object (of its target); "this rule" silences the rule everywhere.
 */
export function silenceRequest(a: Alert, scope: SilenceScope, durationMs: number, comment: string): SilenceRequest {
  const body: SilenceRequest = scope === 'object' ? { targetId: a.targetId, objectId: a.object.id, durationMs } : { rule: a.rule, durationMs };
  const c = comment.trim();
  if (c) body.comment = c;
  return body;
}

export const DELIVERY_KIND_WORD: Record<DeliveryKind, string> = { firing: 'firing', resolved: 'resolved', reminder: 'reminder', test: 'test' };

export const DELIVERY_STATE_LEVEL: Record<DeliveryStatus['state'], Level> = { pending: 'neutral', delivered: 'ok', failed: 'crit' };

/** Failures first (they need someone), then newest first. */
export function orderDeliveries(deliveries: readonly DeliveryStatus[]): DeliveryStatus[] {
  return [...deliveries].sort((a, b) => Number(b.state === 'failed') - Number(a.state === 'failed') || b.createdAt - a.createdAt || byId(a, b));
}
