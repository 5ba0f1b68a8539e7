import type { Alert, DeliveryKind, DeliveryStatus, NotifierKind, Severity } from '../contract';

/**
 * Internal types shared by the alert engine, the notifiers and the outbox.
 * The browser never sees these (a notifier's config holds secrets).
 */

/** One message about one alert (or a test), before it is rendered for a notifier. */
export interface Notification {
  /** Idempotency key: `${alert.id}|${kind}|${sequence}`; stable across retries and restarts. */
  key: string;
  kind: DeliveryKind;
  alert: Alert;
  targetName: string;
  /** Link to the alert's object on the dashboard, when a public URL is configured. */
  url: string | null;
  createdAt: number;
}

/** An HTTP request as a notifier renders it; sending is the delivery loop's job. */
export interface HttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface NotifierConfig {
  id: string;
  kind: NotifierKind;
  name: string;
  /** Webhook / incoming-webhook URL. Secret: never leaves the server. */
  url: string;
  /** Generic webhook: HMAC-SHA256 signing secret. PagerDuty: the integration (routing) key. */
  secret?: string;
  minSeverity: Severity;
  rules: string[] | null;
}

/** Turns a notification into the request its service expects. Pure: no I/O, no clock. */
export interface Notifier {
  readonly config: NotifierConfig;
  render(n: Notification): HttpRequest;
}

/** A notification waiting for (or done with) delivery to one notifier. Written before any send. */
export interface OutboxItem {
  id: string;
  notifierId: string;
  notification: Notification;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  deliveredAt: number | null;
  lastError: string | null;
  /** After this, stop retrying and mark it failed (visible in the UI). */
  giveUpAt: number;
}

/** Where the outbox lives; the SQLite history implements it, tests may use memory. */
export interface OutboxStore {
  enqueue(items: OutboxItem[]): Promise<void>;
  due(now: number, limit: number): Promise<OutboxItem[]>;
  update(item: OutboxItem): Promise<void>;
  recent(limit: number): Promise<OutboxItem[]>;
}

export function deliveryStatusOf(item: OutboxItem): DeliveryStatus {
  return {
    id: item.id,
    notifierId: item.notifierId,
    alertId: item.notification.kind === 'test' ? null : item.notification.alert.id,
    kind: item.notification.kind,
    state: item.state,
    attempts: item.attempts,
    createdAt: item.createdAt,
    lastAttemptAt: item.lastAttemptAt,
    nextAttemptAt: item.state === 'pending' ? item.nextAttemptAt : null,
    deliveredAt: item.deliveredAt,
    lastError: item.lastError,
  };
}
