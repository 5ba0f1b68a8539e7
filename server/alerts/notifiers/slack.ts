import type { HttpRequest, Notification, Notifier, NotifierConfig } from '../types';
import { escapeSlack, fit, orDash } from './escape';
import { BROKER_SAID, brokerSaid, eventTime, headline, isoTime, jsonPost, LINK_TEXT, objectWord, summary } from './words';

/**
 * Slack incoming webhook with Block Kit blocks and a plain `text` fallback
 * (shown in notifications and by clients without blocks). Limits from Slack's
 * Block Kit reference: header 150, section text 3000, field 2000 characters.
 * Untrusted text goes in mrkdwn objects with `verbatim: true` (no auto-linking
 * or mention parsing) after escaping.
 */
export class SlackNotifier implements Notifier {
  constructor(readonly config: NotifierConfig) {}

  render(n: Notification): HttpRequest {
    const { alert } = n;
    const field = (name: string, raw: string) => mrkdwn(`*${name}*\n` + fit(orDash(raw), 1900, escapeSlack));
    const blocks: unknown[] = [
      // plain_text is never parsed for markup or mentions: no escaping needed.
      { type: 'header', text: { type: 'plain_text', text: fit(headline(n), 150), emoji: true } },
      {
        type: 'section',
        fields: [field('Target', n.targetName), field(objectWord(alert.object.kind), alert.object.label), field('Value', alert.value)],
      },
    ];
    if (alert.explanation.trim()) blocks.push({ type: 'section', text: mrkdwn(fit(alert.explanation, 3000, escapeSlack)) });
    const said = brokerSaid(n);
    if (said) blocks.push({ type: 'section', text: mrkdwn(field(BROKER_SAID, said).text) });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: contextLine(n) }] });
    if (n.url) {
      blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: LINK_TEXT }, url: n.url }] });
    }
    return jsonPost(this.config.url, n, { text: fit(summary(n), 3000, escapeSlack), blocks });
  }
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });

/** "rabbitpulse · rule heartbeat-risk · firing since <local time>": Slack shows the date in the reader's time zone. */
function contextLine(n: Notification): string {
  const { word, at } = eventTime(n);
  const date = `<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time_secs}|${isoTime(at)}>`;
  return `rabbitpulse · rule ${escapeSlack(n.alert.rule)} · ${word} ${date}`;
}
