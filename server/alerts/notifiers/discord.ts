import type { Severity } from '../../contract';
import type { HttpRequest, Notification, Notifier, NotifierConfig } from '../types';
import { escapeDiscord, fit, orDash } from './escape';
import { BROKER_SAID, brokerSaid, headline, isoTime, jsonPost, objectWord } from './words';

/**
 * Discord webhook with one embed, coloured by severity (green once resolved).
 * Limits from Discord's embed reference: title 256, description 4096, field
 * value 1024, footer 2048 characters. `allowed_mentions: {parse: []}` makes
 * sure nothing in the message can ping, whatever slips past escaping.
 */
export class DiscordNotifier implements Notifier {
  constructor(readonly config: NotifierConfig) {}

  render(n: Notification): HttpRequest {
    const { alert } = n;
    const field = (name: string, raw: string, inline: boolean) => ({ name, value: fit(orDash(raw), 1024, escapeDiscord), inline });
    const embed: Record<string, unknown> = {
      title: fit(headline(n), 256, escapeDiscord),
      description: fit(orDash(alert.explanation), 4096, escapeDiscord),
      color: colour(n),
      fields: [
        field('Target', n.targetName, true),
        field(objectWord(alert.object.kind), alert.object.label, true),
        field('Value', alert.value, false),
        ...(brokerSaid(n) ? [field(BROKER_SAID, brokerSaid(n)!, false)] : []),
      ],
      footer: { text: fit(`rabbitpulse · rule ${alert.rule}`, 2048) },
      // Discord shows this in the reader's time zone.
      timestamp: isoTime(n.createdAt),
    };
    if (n.url) embed.url = n.url;
    return jsonPost(this.config.url, n, { username: 'rabbitpulse', embeds: [embed], allowed_mentions: { parse: [] } });
  }
}

const SEVERITY_COLOUR: Record<Severity, number> = { critical: 0xd93025, warning: 0xf9ab00, info: 0x1a73e8 };
const RESOLVED_COLOUR = 0x188038;

function colour(n: Notification): number {
  return n.kind === 'resolved' ? RESOLVED_COLOUR : SEVERITY_COLOUR[n.alert.severity];
}
