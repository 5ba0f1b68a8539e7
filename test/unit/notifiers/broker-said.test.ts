import { describe, expect, it } from 'vitest';
import { DiscordNotifier } from '../../../server/alerts/notifiers/discord';
import { PagerDutyNotifier } from '../../../server/alerts/notifiers/pagerduty';
import { SlackNotifier } from '../../../server/alerts/notifiers/slack';
import { TeamsNotifier } from '../../../server/alerts/notifiers/teams';
import { config, HOSTILE, notification } from './fixtures';

/** A log line naming a connection whose client chose a hostile name. */
const SAID = `closing AMQP connection <0.960.0> (127.0.0.1:56888 -> 127.0.0.1:5672 - ${HOSTILE}):\nmissed heartbeats from client, timeout: 5s`;
const withWords = () => notification({}, { evidence: { certainty: 'certain', brokerSaid: SAID } });
const body = (req: { body: string }) => req.body;

describe("the broker's words in chat notifications", () => {
  it('Slack: a section of its own, one line, escaped so nothing formats, links or pings', () => {
    const text = body(new SlackNotifier(config({ kind: 'slack' })).render(withWords()));
    expect(text).toContain('The broker said');
    expect(text).toContain('missed heartbeats from client, timeout: 5s');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('⟨LF⟩');
  });

  it('Teams and Discord: a field, escaped for their markdown', () => {
    for (const notifier of [new TeamsNotifier(config({ kind: 'teams' })), new DiscordNotifier(config({ kind: 'discord' }))]) {
      const text = body(notifier.render(withWords()));
      expect(text).toContain('The broker said');
      expect(text).toMatch(/timeout\\*: 5s/);
      // Escaped with a backslash in both dialects: no '<' or '[' of the name stands bare.
      expect(text).toContain('img src=x');
      expect(text).not.toMatch(/[^\\]<img src=x/);
      expect(text).not.toMatch(/[^\\]\[link/);
    }
  });

  it('PagerDuty: in custom_details, with the certainty', () => {
    const details = JSON.parse(body(new PagerDutyNotifier(config({ kind: 'pagerduty', secret: 'k'.repeat(32) })).render(withWords()))).payload.custom_details;
    expect(details.certainty).toBe('certain');
    expect(details.brokerSaid).toContain('missed heartbeats from client');
  });

  it('an alert without the broker\'s words has no such field', () => {
    const text = body(new SlackNotifier(config({ kind: 'slack' })).render(notification()));
    expect(text).not.toContain('The broker said');
  });
});
