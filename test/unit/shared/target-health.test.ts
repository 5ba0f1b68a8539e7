import { describe, expect, it } from 'vitest';
import type { Alert, HealthLevel, ProbeState, TargetState, TargetStatusKind } from '../../../server/contract';
import { targetHealth } from '../../../server/shared/target-health';
import { alert, probeState, targetState } from '../builders';

/**
 * One row per input the verdict reads: the poll's status, the probe link,
 * the event-exchange and broker-log subscriptions, firing alerts by
 * severity and pending ones, and how they combine. Each row gives the
 * target and alerts, and the level, word and reasons expected.
 */
const withStatus = (kind: TargetStatusKind) => targetState({ status: { ...targetState().status, kind } });
const withProbe = (p: Partial<ProbeState>) => targetState({ probe: probeState(p) });
const down = (cause: ProbeState['outages'][number]['cause'], message: string): Partial<ProbeState> => ({
  state: 'down',
  lastError: { cause, message, at: 1_000_000 },
  reconnectAttempts: 3,
  outages: [{ startedAt: 1_000_000, endedAt: null, durationMs: null, cause, message }],
});
const AUTH = "The broker refused the probe's credentials on 127.0.0.1:5672 (403 ACCESS_REFUSED).";
/** The default probe in the builders has the broker log off (as brokers do by default): that is an info finding. */
const LOG_OFF = 'broker log exchange off: causes inferred';
const logOn = { brokerLog: { state: 'subscribed' as const, message: 'Subscribed.' } };

interface Row {
  name: string;
  target: TargetState;
  alerts?: Alert[];
  level: HealthLevel;
  word: string;
  reasons: string[];
}

const rows: Row[] = [
  // The poll.
  { name: 'all well: a good poll, no probe, no alerts', target: targetState(), level: 'ok', word: 'ok', reasons: [] },
  { name: 'the first poll has not finished', target: withStatus('starting'), level: 'unknown', word: 'starting', reasons: ['waiting for the first poll'] },
  { name: 'the management API refuses connections', target: withStatus('refused'), level: 'crit', word: 'critical', reasons: ['management API connection refused'] },
  { name: 'the management API rejects the credentials', target: withStatus('unauthorized'), level: 'crit', word: 'critical', reasons: ['management API wrong credentials'] },
  // The probe link.
  { name: 'the probe is up, every subscription too', target: withProbe(logOn), level: 'ok', word: 'ok', reasons: [] },
  { name: 'the probe is connecting for the first time', target: withProbe({ state: 'connecting', ...logOn }), level: 'unknown', word: 'starting', reasons: ['probe connecting'] },
  { name: 'the probe is down: credentials refused', target: withProbe({ ...down('auth-failure', AUTH), ...logOn }), level: 'crit', word: 'critical', reasons: ['probe down: credentials refused'] },
  { name: 'the probe is down: the outage names the cause, not the latest retry', target: withProbe({ ...down('reset-by-broker', 'ECONNRESET'), lastError: { cause: 'refused', message: 'ECONNREFUSED', at: 1_001_000 }, ...logOn }), level: 'crit', word: 'critical', reasons: ['probe down: reset by the broker'] },
  { name: 'the probe is reconnecting after a loss', target: withProbe({ state: 'connecting', reconnectAttempts: 2, lastError: { cause: 'refused', message: 'ECONNREFUSED', at: 1 }, ...logOn }), level: 'crit', word: 'critical', reasons: ['probe down: connection refused'] },
  { name: 'probes turned off say nothing', target: withProbe({ state: 'disabled', ...logOn }), level: 'ok', word: 'ok', reasons: [] },
  // The event exchange.
  { name: 'the event exchange plugin is not enabled', target: withProbe({ eventExchange: { state: 'not-enabled', message: 'm' } }), level: 'warn', word: 'warning', reasons: ['event exchange plugin not enabled'] },
  { name: 'the event subscription is down', target: withProbe({ eventExchange: { state: 'down', message: 'm' } }), level: 'warn', word: 'warning', reasons: ['event exchange subscription down'] },
  { name: 'the event subscription is connecting', target: withProbe({ eventExchange: { state: 'connecting', message: 'm' }, ...logOn }), level: 'ok', word: 'ok', reasons: [] },
  // The broker log.
  { name: 'the broker log is off (the default): info only', target: withProbe({}), level: 'info', word: 'ok', reasons: [LOG_OFF] },
  { name: 'the broker log subscription is down', target: withProbe({ brokerLog: { state: 'down', message: 'm' } }), level: 'warn', word: 'warning', reasons: ['broker log subscription down'] },
  {
    name: 'the broker log echoes a down event subscription: said once, by the event exchange',
    target: withProbe({ eventExchange: { state: 'down', message: 'm' }, brokerLog: { state: 'down', message: 'waiting' } }),
    level: 'warn',
    word: 'warning',
    reasons: ['event exchange subscription down'],
  },
  // Alerts.
  { name: 'a critical alert fires', target: targetState(), alerts: [alert({ title: 'Missed heartbeats suspected' })], level: 'crit', word: 'critical', reasons: ['1 critical alert: Missed heartbeats suspected'] },
  {
    name: 'several warnings fire: counted, the longest firing named',
    target: targetState(),
    alerts: [alert({ severity: 'warning', title: 'Later', firedAt: 2_000_000, object: { kind: 'queue', id: 'q', label: 'q' } }), alert({ severity: 'warning', title: 'Earlier', firedAt: 1_000_000 })],
    level: 'warn',
    word: 'warning',
    reasons: ['2 warnings: Earlier, +1 more'],
  },
  { name: 'an info alert fires', target: targetState(), alerts: [alert({ severity: 'info', title: 'Event exchange not enabled' })], level: 'info', word: 'ok', reasons: ['1 info alert: Event exchange not enabled'] },
  { name: 'a pending alert only informs: it may clear', target: targetState(), alerts: [alert({ state: 'pending', firedAt: null, title: 'Unacked growing' })], level: 'info', word: 'ok', reasons: ['1 alert pending: Unacked growing'] },
  { name: 'resolved alerts do not count', target: targetState(), alerts: [alert({ state: 'resolved', resolvedAt: 1_100_000 })], level: 'ok', word: 'ok', reasons: [] },
  { name: "another target's alerts do not count", target: targetState(), alerts: [alert({ targetId: 'other' })], level: 'ok', word: 'ok', reasons: [] },
  // How they combine.
  {
    name: 'everything at once: most severe first, the poll before the probe before the alerts',
    target: targetState({ status: { ...targetState().status, kind: 'timeout' }, probe: probeState({ ...down('auth-failure', AUTH), eventExchange: { state: 'down', message: 'm' } }) }),
    alerts: [alert({ state: 'pending', firedAt: null, title: 'P' }), alert({ severity: 'warning', title: 'W' }), alert({ title: 'C', object: { kind: 'probe', id: 'p', label: 'p' } })],
    level: 'crit',
    word: 'critical',
    reasons: ['management API timed out', 'probe down: credentials refused', '1 critical alert: C', 'event exchange subscription down', '1 warning: W', '1 alert pending: P'],
  },
  { name: 'a problem outranks not knowing yet', target: targetState({ status: { ...targetState().status, kind: 'starting' }, probe: probeState(down('refused', 'ECONNREFUSED')) }), level: 'crit', word: 'critical', reasons: ['probe down: connection refused', 'waiting for the first poll', LOG_OFF] },
  { name: 'not knowing yet outranks a benign fact', target: targetState({ status: { ...targetState().status, kind: 'starting' }, probe: probeState() }), level: 'unknown', word: 'starting', reasons: ['waiting for the first poll', LOG_OFF] },
];

describe('targetHealth', () => {
  it.each(rows)('$name', ({ target, alerts, level, word, reasons }) => {
    expect(targetHealth(target, alerts ?? [])).toEqual({ level, word, reasons });
  });
});
