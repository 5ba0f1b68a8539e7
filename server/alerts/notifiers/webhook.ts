import { createHmac } from 'node:crypto';
import type { AlertObject, AlertState, Certainty, DeliveryKind, Severity } from '../../contract';
import { inert } from '../../shared/inert';
import type { HttpRequest, Notification, Notifier, NotifierConfig } from '../types';
import { isoTime, jsonPost } from './words';

/**
 * The generic webhook: a stable, versioned JSON document for anyone's own
 * receiver. Documented in ./README.md — change both together. Within v1 fields
 * may be added, never renamed, removed or retyped; anything else is v2.
 *
 * Ids, names and labels are data and go raw (a machine needs the exact
 * value; JSON escapes what it must). The sentences meant for a person —
 * title, value, explanation — are inert, like every other notifier's text.
 */
export const WEBHOOK_SCHEMA = 'rabbitpulse.notification.v1';

/** Body of every generic-webhook request. Times are ISO 8601 in UTC. */
export interface WebhookPayloadV1 {
  schema: typeof WEBHOOK_SCHEMA;
  /** Idempotency key: the same on every retry of this notification; the `Idempotency-Key` header is its hex SHA-256. */
  id: string;
  kind: DeliveryKind;
  /** When rabbitpulse created the notification; unchanged across retries. */
  sentAt: string;
  alert: {
    /** `rule|targetId|kind:objectId`: the same for every notification about this alert. */
    id: string;
    rule: string;
    title: string;
    severity: Severity;
    state: AlertState;
    targetId: string;
    targetName: string;
    /** `id` and `label` are chosen by broker clients and sent raw: untrusted text, make it inert and escape it before showing it. */
    object: AlertObject;
    since: string;
    firedAt: string | null;
    resolvedAt: string | null;
    /** The measured value in words; may quote untrusted names, made inert (controls shown as visible stand-ins), not escaped. */
    value: string;
    explanation: string;
    /** For alerts raised by an event (a close, a channel closed by the broker): how sure its cause is; null otherwise. */
    certainty: Certainty | null;
    /** The broker's own log line about it, when its log exchange gave one; made inert, not escaped. Untrusted. */
    brokerSaid: string | null;
    /** Link to the object on the dashboard; null when no public URL is configured. */
    url: string | null;
  };
}

export const SIGNATURE_HEADER = 'X-Rabbitpulse-Signature';

/** `sha256=` + hex HMAC-SHA256 of the exact body bytes (UTF-8) keyed with the secret. */
export function signBody(body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

export function webhookPayload(n: Notification): WebhookPayloadV1 {
  const a = n.alert;
  // Built field by field, not spread from Alert, so internal fields added to
  // Alert later never leak into a published schema.
  return {
    schema: WEBHOOK_SCHEMA,
    id: n.key,
    kind: n.kind,
    sentAt: isoTime(n.createdAt),
    alert: {
      id: a.id,
      rule: a.rule,
      title: inert(a.title),
      severity: a.severity,
      state: a.state,
      targetId: a.targetId,
      targetName: n.targetName,
      object: { kind: a.object.kind, id: a.object.id, label: a.object.label },
      since: isoTime(a.since),
      firedAt: a.firedAt === null ? null : isoTime(a.firedAt),
      resolvedAt: a.resolvedAt === null ? null : isoTime(a.resolvedAt),
      value: inert(a.value),
      explanation: inert(a.explanation),
      certainty: a.evidence?.certainty ?? null,
      brokerSaid: a.evidence?.brokerSaid == null ? null : inert(a.evidence.brokerSaid),
      url: n.url,
    },
  };
}

export class WebhookNotifier implements Notifier {
  constructor(readonly config: NotifierConfig) {}

  render(n: Notification): HttpRequest {
    const headers: Record<string, string> = {
      'X-Rabbitpulse-Event': n.kind,
      // Informational: the signed body carries the same instant as `sentAt`.
      'X-Rabbitpulse-Timestamp': String(Math.floor(n.createdAt / 1000)),
    };
    const request = jsonPost(this.config.url, n, webhookPayload(n), headers);
    if (this.config.secret) request.headers[SIGNATURE_HEADER] = signBody(request.body, this.config.secret);
    return request;
  }
}
