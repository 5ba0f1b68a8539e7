import type { Alert, HealthLevel, ProbeState, Severity, TargetHealth, TargetState } from '../contract';
import { CLOSE_CAUSE_WORDS, TARGET_STATUS_WORDS } from './status-words';

/**
 * One verdict per target, from everything rabbitpulse knows about it: the
 * management API poll, the probe connection, the event-exchange and
 * broker-log subscriptions, and the target's pending and firing alerts.
 * The server derives it for /api/v1/state, snapshots and deltas; the
 * overview badge, "Needs attention" and the wall show what it says, so
 * they cannot disagree with each other or with the alerts.
 *
 * Pure, and it imports only types and word tables, so the UI may import it
 * too. `alerts` may hold every target's alerts: only this target's count.
 */
export function targetHealth(target: Pick<TargetState, 'id' | 'status' | 'probe'>, alerts: readonly Alert[]): TargetHealth {
  const findings = [...pollFindings(target.status.kind), ...probeFindings(target.probe), ...alertFindings(alerts.filter((a) => a.targetId === target.id))];
  // Stable sort: within a level, the order above (poll, probe, subscriptions, alerts).
  findings.sort((a, b) => RANK[b.level] - RANK[a.level]);
  const level = findings[0]?.level ?? 'ok';
  return { level, word: WORDS[level], reasons: findings.map((f) => f.reason) };
}

interface Finding {
  level: Exclude<HealthLevel, 'ok'>;
  reason: string;
}

/** Something known to be wrong outranks not knowing yet; not knowing yet outranks a benign fact. */
const RANK: Record<HealthLevel, number> = { ok: 0, info: 1, unknown: 2, warn: 3, crit: 4 };

const WORDS: Record<HealthLevel, string> = { ok: 'ok', info: 'ok', unknown: 'starting', warn: 'warning', crit: 'critical' };

function pollFindings(kind: TargetState['status']['kind']): Finding[] {
  if (kind === 'ok') return [];
  if (kind === 'starting') return [{ level: 'unknown', reason: 'waiting for the first poll' }];
  return [{ level: 'crit', reason: `management API ${TARGET_STATUS_WORDS[kind]}` }];
}

function probeFindings(probe: ProbeState | null): Finding[] {
  if (!probe) return [];
  return [...linkFindings(probe), ...subscriptionFindings(probe)];
}

/** Reconnecting after a loss is still an outage; only the very first attempt is "not known yet". */
function linkFindings(probe: ProbeState): Finding[] {
  if (probe.state === 'connecting' && probe.reconnectAttempts === 0) return [{ level: 'unknown', reason: 'probe connecting' }];
  if (probe.state !== 'down' && probe.state !== 'connecting') return [];
  const cause = probe.outages.find((o) => o.endedAt === null)?.cause ?? probe.lastError?.cause ?? null;
  return [{ level: 'crit', reason: cause === null ? 'probe down' : `probe down: ${CLOSE_CAUSE_WORDS[cause]}` }];
}

function subscriptionFindings(probe: ProbeState): Finding[] {
  const out: Finding[] = [];
  const events = probe.eventExchange.state;
  // Without the plugin every close is found late, at the next poll, and its cause guessed from less.
  if (events === 'not-enabled') out.push({ level: 'warn', reason: 'event exchange plugin not enabled' });
  if (events === 'down') out.push({ level: 'warn', reason: 'event exchange subscription down' });
  // The log subscription shares the event subscription's connection: until that is up, its state only echoes it.
  if (events !== 'subscribed') return out;
  const log = probe.brokerLog.state;
  // Off by default on every broker: worth knowing (causes are inferred), not a fault.
  if (log === 'not-enabled') out.push({ level: 'info', reason: 'broker log exchange off: causes inferred' });
  if (log === 'down') out.push({ level: 'warn', reason: 'broker log subscription down' });
  return out;
}

const SEVERITY_LEVEL: Record<Severity, Finding['level']> = { critical: 'crit', warning: 'warn', info: 'info' };
const SEVERITY_NOUN: Record<Severity, [string, string]> = { critical: ['critical alert', 'critical alerts'], warning: ['warning', 'warnings'], info: ['info alert', 'info alerts'] };
const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** One phrase per severity of firing alerts, naming the longest-firing one; pending ones only inform (they may clear). */
function alertFindings(alerts: readonly Alert[]): Finding[] {
  const out: Finding[] = [];
  for (const severity of SEVERITIES) {
    const firing = alerts.filter((a) => a.state === 'firing' && a.severity === severity).sort((a, b) => (a.firedAt ?? a.since) - (b.firedAt ?? b.since));
    if (firing.length > 0) out.push({ level: SEVERITY_LEVEL[severity], reason: counted(firing, SEVERITY_NOUN[severity]) });
  }
  const pending = alerts.filter((a) => a.state === 'pending').sort((a, b) => a.since - b.since);
  if (pending.length > 0) out.push({ level: 'info', reason: counted(pending, ['alert pending', 'alerts pending']) });
  return out;
}

/** "1 critical alert: Probe connection reset", "3 warnings: Connection churn, +2 more". */
function counted(alerts: readonly Alert[], [one, many]: [string, string]): string {
  const first = alerts[0]!.title;
  return alerts.length === 1 ? `1 ${one}: ${first}` : `${alerts.length} ${many}: ${first}, +${alerts.length - 1} more`;
}
