import type { Alert } from '../../../server/contract';
import type { Notification, NotifierConfig } from '../../../server/alerts/types';

export const FIRED_AT = Date.UTC(2025, 4, 1, 12, 0, 5);

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'heartbeat-risk|prod|connection:10.0.0.5:51234 -> 10.0.0.9:5672',
    rule: 'heartbeat-risk',
    title: 'Consumer about to miss heartbeats',
    severity: 'critical',
    state: 'firing',
    targetId: 'prod',
    object: { kind: 'connection', id: '10.0.0.5:51234 -> 10.0.0.9:5672', label: 'orders-worker' },
    since: FIRED_AT,
    firstSeenAt: FIRED_AT - 5000,
    firedAt: FIRED_AT,
    resolvedAt: null,
    value: 'silent 14 s with a 5 s heartbeat timeout',
    explanation: 'The handler blocks the thread that sends heartbeats.',
    acknowledgedAt: null,
    silencedUntil: null,
    notifications: 0,
    ...over,
  };
}

export function notification(over: Partial<Notification> = {}, alertOver: Partial<Alert> = {}): Notification {
  const a = alert(alertOver);
  const kind = over.kind ?? 'firing';
  return {
    key: `${a.id}|${kind}|1`,
    kind,
    alert: a,
    targetName: 'Production',
    url: 'https://pulse.example.com/connections/prod/abc',
    createdAt: FIRED_AT,
    ...over,
  };
}

/** The same alert after it resolved, as the engine would send it. */
export function resolved(over: Partial<Notification> = {}): Notification {
  const at = FIRED_AT + 60_000;
  return notification({ kind: 'resolved', key: 'k|resolved|2', createdAt: at, ...over }, { state: 'resolved', since: at, resolvedAt: at });
}

/** A made-up alert for "send test". */
export function test(over: Partial<Notification> = {}): Notification {
  return notification(
    { kind: 'test', key: 'test|1', url: null, ...over },
    { id: 'test|prod|target:prod', rule: 'test', title: 'Test notification from rabbitpulse', severity: 'info', object: { kind: 'target', id: 'prod', label: 'Production' }, value: '', explanation: '' },
  );
}

export function config(over: Partial<NotifierConfig> = {}): NotifierConfig {
  return {
    id: 'n1',
    kind: 'webhook',
    name: 'Ops hook',
    url: 'https://hooks.example.com/services/T000/B000/SECRETTOKEN',
    minSeverity: 'warning',
    rules: null,
    ...over,
  };
}

export const HOSTILE = '<img src=x onerror=alert(1)> *bold* <!channel> @everyone [link](http://evil)';

export const bodyOf = (req: { body: string }) => JSON.parse(req.body) as Record<string, any>;

/**
 * A queue name as any broker client may choose it: Cyrillic, an emoji, NUL,
 * ESC (a terminal colour code), BEL and a right-to-left override that makes
 * "vh\u202Eevil" display as "vhlive".
 */
export const HOSTILE_NAME = 'очередь-🐇\u0000\u001B[31m vh\u202Eevil\u0007';

/** The control and bidirectional characters in HOSTILE_NAME, which must never reach a person (a notifier's own line breaks may). */
export const HOSTILE_CHARACTERS = /[\u0000\u001B\u0007\u202E]/;

/** A firing alert about the queue HOSTILE_NAME, its name also quoted in the value. */
export function hostileNotification(): Notification {
  const id = `/|${HOSTILE_NAME}`;
  return notification(
    { key: `unacked-growth|prod|queue:${id}|firing|1`, targetName: 'Production' },
    {
      id: `unacked-growth|prod|queue:${id}`,
      rule: 'unacked-growth',
      title: 'Unacknowledged messages piling up',
      object: { kind: 'queue', id, label: HOSTILE_NAME },
      value: `1,234 unacked on ${HOSTILE_NAME}`,
    },
  );
}

/** Every string in a parsed JSON document, with its path. */
export function stringsOf(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsOf(v, `${path}.${k}`));
  return [];
}
