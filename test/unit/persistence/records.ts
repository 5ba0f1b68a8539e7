import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Alert, AlertState, PulseEvent, Silence, TargetSample } from '../../../server/contract';
import type { OutboxItem } from '../../../server/alerts/types';
import type { HistoryConfig } from '../../../server/config/schema';
import type { Logger } from '../../../server/log';

/** Builders for what the history stores, shared by the persistence unit and integration tests. */

export function historyConfig(database: string, overrides: Partial<HistoryConfig> = {}): HistoryConfig {
  return { maxEvents: 2000, samplesPerSeries: 720, database, rawRetentionHours: 6, rollupRetentionDays: 7, eventRetentionDays: 30, ...overrides };
}

/** A fresh folder per test file; returns it and a remover for afterAll. */
export function tempFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-history-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A history file path per call, each in a folder of its own (so deleting one leaves the others). */
export function caseFiles(dir: string): () => string {
  let n = 0;
  return () => path.join(dir, `case-${++n}`, 'history.db');
}

/** A logger that keeps its lines, for tests that count what was logged. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export function event(id: string, at: number, overrides: Partial<PulseEvent> = {}): PulseEvent {
  return {
    id,
    at,
    targetId: 'local',
    kind: 'connection.closed',
    connection: 'orders-worker <script>',
    cause: 'abrupt',
    certainty: 'likely',
    source: 'poll',
    explanation: 'The connection vanished without a close handshake.',
    lastKnown: null,
    ...overrides,
  };
}

export function sample(at: number, overrides: Partial<TargetSample> = {}): TargetSample {
  return { at, connections: 10, channels: 20, ready: 5, unacked: 1, ...overrides };
}

export function alert(id: string, state: AlertState, since: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    rule: 'heartbeat-margin',
    title: 'Heartbeat margin low',
    severity: 'warning',
    state,
    targetId: 'local',
    object: { kind: 'connection', id: 'conn-1', label: 'orders-worker' },
    since,
    firstSeenAt: since,
    firedAt: state === 'pending' ? null : since,
    resolvedAt: state === 'resolved' ? since : null,
    value: 'silent 14 s with a 5 s heartbeat timeout',
    explanation: 'The client stopped sending heartbeats.',
    acknowledgedAt: null,
    silencedUntil: null,
    notifications: 0,
    ...overrides,
  };
}

export function silence(id: string, until: number, overrides: Partial<Silence> = {}): Silence {
  return { id, rule: null, targetId: 'local', objectId: null, createdAt: until - 3_600_000, until, comment: 'maintenance', ...overrides };
}

export function outboxItem(id: string, createdAt: number, overrides: Partial<OutboxItem> = {}): OutboxItem {
  const a = alert('heartbeat-margin|local|connection:conn-1', 'firing', createdAt);
  return {
    id,
    notifierId: 'slack',
    notification: { key: `${a.id}|firing|1`, kind: 'firing', alert: a, targetName: 'localhost', url: null, createdAt },
    state: 'pending',
    attempts: 0,
    createdAt,
    nextAttemptAt: createdAt,
    lastAttemptAt: null,
    deliveredAt: null,
    lastError: null,
    giveUpAt: createdAt + 86_400_000,
    ...overrides,
  };
}
