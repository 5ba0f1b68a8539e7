import { inert } from '../../shared/inert';
import type { HttpRequest, Notification, Notifier, NotifierConfig } from '../types';
import { fit } from './escape';
import { sha256Hex } from './keys';
import { brokerSaid, isoTime, jsonPost, objectWord, summary } from './words';

/**
 * PagerDuty Events API v2. The alert id is the `dedup_key` (see dedupKey), so
 * a trigger and its later resolve act on the same incident, and reminders
 * (also triggers) fold into it instead of opening new ones. PagerDuty renders
 * plain text: no markup escaping, but everything it shows to a responder is
 * made inert, within its length limits (summary 1024, dedup_key 255).
 */
export class PagerDutyNotifier implements Notifier {
  constructor(readonly config: NotifierConfig) {
    // The config loader already demands it; this names the fix if someone builds one by hand.
    if (!config.secret) throw new Error(`notifier "${config.id}": pagerduty needs "secret" set to the integration (routing) key`);
  }

  render(n: Notification): HttpRequest {
    const routing = { routing_key: this.config.secret!, dedup_key: dedupKey(n.alert.id) };
    if (n.kind === 'resolved') return jsonPost(this.config.url, n, { ...routing, event_action: 'resolve' });

    const { alert } = n;
    const payload = {
      summary: fit(summary(n), 1024),
      source: fit(n.targetName, 255),
      severity: alert.severity, // PagerDuty's critical/warning/info are ours by name
      timestamp: isoTime(alert.firedAt ?? n.createdAt),
      component: fit(alert.object.label, 255),
      group: alert.targetId,
      class: alert.rule,
      custom_details: {
        kind: n.kind,
        rule: alert.rule,
        target: inert(n.targetName),
        [objectWord(alert.object.kind).toLowerCase()]: inert(alert.object.label),
        objectId: inert(alert.object.id),
        value: inert(alert.value),
        explanation: inert(alert.explanation),
        ...(alert.evidence ? { certainty: alert.evidence.certainty } : {}),
        ...(brokerSaid(n) ? { brokerSaid: inert(brokerSaid(n)!) } : {}),
        since: isoTime(alert.since),
        notificationId: inert(n.key),
      },
    };
    const links = n.url ? [{ href: n.url, text: 'Open in rabbitpulse' }] : [];
    return jsonPost(this.config.url, n, { ...routing, event_action: 'trigger', payload, client: 'rabbitpulse', links });
  }
}

/**
 * Alert ids embed broker object names, which can be long and hold anything;
 * PagerDuty caps dedup_key at 255 characters and shows it to responders. An
 * id that is short printable ASCII goes as it is (readable, and unchanged for
 * incidents opened by earlier versions); any other becomes a digest, unique
 * and the same for trigger and resolve.
 */
export function dedupKey(alertId: string): string {
  return /^[\x20-\x7e]{1,255}$/.test(alertId) ? alertId : 'sha256:' + sha256Hex(alertId);
}
