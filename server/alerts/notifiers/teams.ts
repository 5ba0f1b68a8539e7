import type { Severity } from '../../contract';
import type { HttpRequest, Notification, Notifier, NotifierConfig } from '../types';
import { escapeTeams, fit, orDash } from './escape';
import { BROKER_SAID, brokerSaid, eventTime, headline, isoTime, jsonPost, LINK_TEXT, objectWord } from './words';

/**
 * Microsoft Teams incoming webhook (Workflows or the older connector): one
 * Adaptive Card in the `attachments` message format both accept. Version 1.4
 * is the newest Teams renders everywhere (desktop, web, mobile).
 */
export class TeamsNotifier implements Notifier {
  constructor(readonly config: NotifierConfig) {}

  render(n: Notification): HttpRequest {
    const { alert } = n;
    const fact = (title: string, raw: string) => ({ title, value: fit(orDash(raw), 2000, escapeTeams) });
    const body: unknown[] = [
      { type: 'TextBlock', text: fit(headline(n), 400, escapeTeams), weight: 'Bolder', size: 'Medium', wrap: true, color: colour(n) },
      {
        type: 'FactSet',
        facts: [fact('Target', n.targetName), fact(objectWord(alert.object.kind), alert.object.label), fact('Value', alert.value)],
      },
    ];
    if (alert.explanation.trim()) body.push({ type: 'TextBlock', text: fit(alert.explanation, 4000, escapeTeams), wrap: true });
    const said = brokerSaid(n);
    if (said) body.push({ type: 'FactSet', facts: [fact(BROKER_SAID, said)] });
    body.push({ type: 'TextBlock', text: contextLine(n), isSubtle: true, size: 'Small', wrap: true });
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      msteams: { width: 'Full' },
      body,
      actions: n.url ? [{ type: 'Action.OpenUrl', title: LINK_TEXT, url: n.url }] : [],
    };
    return jsonPost(this.config.url, n, {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
    });
  }
}

const SEVERITY_COLOUR: Record<Severity, string> = { critical: 'Attention', warning: 'Warning', info: 'Accent' };

function colour(n: Notification): string {
  return n.kind === 'resolved' ? 'Good' : SEVERITY_COLOUR[n.alert.severity];
}

/** Teams' DATE()/TIME() functions show the reader's local time; they want RFC 3339 without milliseconds. */
function contextLine(n: Notification): string {
  const { word, at } = eventTime(n);
  const rfc3339 = isoTime(at).replace(/\.\d{3}Z$/, 'Z');
  return `rabbitpulse · rule ${escapeTeams(n.alert.rule)} · ${word} {{DATE(${rfc3339}, SHORT)}} {{TIME(${rfc3339})}}`;
}
