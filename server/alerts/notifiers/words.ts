import type { AlertObject, Severity } from '../../contract';
import type { HttpRequest, Notification } from '../types';
import { idempotencyKey } from './keys';

/**
 * The words every chat notifier shares, as raw (unescaped) text: each notifier
 * escapes them for its own markup. Times come from the notification, never
 * from the clock, so rendering stays pure and a retry renders the same bytes.
 */

const SEVERITY_MARK: Record<Severity, string> = { critical: '🔴', warning: '🟠', info: '🔵' };

const OBJECT_WORD: Record<AlertObject['kind'], string> = {
  target: 'Broker',
  connection: 'Connection',
  queue: 'Queue',
  channel: 'Channel',
  node: 'Node',
  probe: 'Probe',
};

/** "🔴 CRITICAL: Heartbeat about to be missed", "✅ RESOLVED: …". */
export function headline(n: Notification): string {
  const severity = n.alert.severity.toUpperCase();
  const mark = SEVERITY_MARK[n.alert.severity];
  switch (n.kind) {
    case 'firing':
      return `${mark} ${severity}: ${n.alert.title}`;
    case 'reminder':
      return `${mark} ${severity} (still firing): ${n.alert.title}`;
    case 'resolved':
      return `✅ RESOLVED: ${n.alert.title}`;
    case 'test':
      return `🧪 TEST: ${n.alert.title}`;
  }
}

export const objectWord = (kind: AlertObject['kind']): string => OBJECT_WORD[kind];

/** One plain line for previews and fallbacks: headline, object and target. */
export function summary(n: Notification): string {
  const { object } = n.alert;
  return `${headline(n)} — ${objectWord(object.kind)} ${object.label} on ${n.targetName}`;
}

/** The moment the notification is about: resolution for resolved, firing otherwise. */
export function eventTime(n: Notification): { word: string; at: number } {
  const { alert } = n;
  if (n.kind === 'resolved') return { word: 'resolved', at: alert.resolvedAt ?? alert.since };
  if (n.kind === 'test') return { word: 'sent', at: n.createdAt };
  return { word: 'firing since', at: alert.firedAt ?? alert.since };
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();

export const LINK_TEXT = 'Open in rabbitpulse';

/**
 * The broker's own log line behind an alert, as one more field or block of
 * a chat message, raw (each notifier escapes it its own way); null when the
 * alert has none.
 */
export const BROKER_SAID = 'The broker said';
export function brokerSaid(n: Notification): string | null {
  const said = n.alert.evidence?.brokerSaid;
  // The broker's multi-line event as one line: chat fields would show its line breaks as stand-ins.
  const line = said
    ?.split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return line ? line : null;
}

/**
 * A JSON POST about `n` with the headers every notifier sends, the
 * `Idempotency-Key` among them: Slack, Teams, Discord and PagerDuty ignore
 * it, but a proxy or relay in between can dedupe retries by it.
 */
export function jsonPost(url: string, n: Notification, payload: unknown, headers: Record<string, string> = {}): HttpRequest {
  return {
    url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'rabbitpulse', 'Idempotency-Key': idempotencyKey(n), ...headers },
    body: JSON.stringify(payload),
  };
}
