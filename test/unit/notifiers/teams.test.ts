import { describe, expect, it } from 'vitest';
import { TeamsNotifier } from '../../../server/alerts/notifiers/teams';
import { bodyOf, config, HOSTILE, notification, resolved, test } from './fixtures';

const teams = new TeamsNotifier(config({ kind: 'teams', url: 'https://example.webhook.office.com/webhookb2/abc/IncomingWebhook/def' }));
const cardOf = (n: Parameters<TeamsNotifier['render']>[0]) => {
  const body = bodyOf(teams.render(n));
  expect(body.type).toBe('message');
  expect(body.attachments).toHaveLength(1);
  expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  return body.attachments[0].content;
};

describe('Teams notifier', () => {
  it('renders a firing alert as an Adaptive Card', () => {
    const card = cardOf(notification());
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '🔴 CRITICAL: Consumer about to miss heartbeats', weight: 'Bolder', color: 'Attention', wrap: true });
    expect(card.body[1]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Target', value: 'Production' },
        { title: 'Connection', value: 'orders-worker' }, // a "-" mid-line is no list marker: left alone
        { title: 'Value', value: 'silent 14 s with a 5 s heartbeat timeout' },
      ],
    });
    expect(card.body[2]).toMatchObject({ type: 'TextBlock', text: 'The handler blocks the thread that sends heartbeats.' });
    expect(card.body[3].text).toBe('rabbitpulse · rule heartbeat-risk · firing since {{DATE(2025-05-01T12:00:05Z, SHORT)}} {{TIME(2025-05-01T12:00:05Z)}}');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in rabbitpulse', url: 'https://pulse.example.com/connections/prod/abc' }]);
  });

  it('colours by severity, and green once resolved', () => {
    expect(cardOf(notification({}, { severity: 'warning' })).body[0].color).toBe('Warning');
    expect(cardOf(notification({}, { severity: 'info' })).body[0].color).toBe('Accent');
    const card = cardOf(resolved());
    expect(card.body[0]).toMatchObject({ text: '✅ RESOLVED: Consumer about to miss heartbeats', color: 'Good' });
    expect(card.body[3].text).toContain('resolved {{DATE(2025-05-01T12:01:05Z, SHORT)}}');
  });

  it('renders a test without actions or an empty fact', () => {
    const card = cardOf(test());
    expect(card.body[0].text).toBe('🧪 TEST: Test notification from rabbitpulse');
    expect(card.body[1].facts[2]).toEqual({ title: 'Value', value: '—' });
    expect(card.body).toHaveLength(3); // no explanation block
    expect(card.actions).toEqual([]);
  });

  it('escapes untrusted names for card markdown', () => {
    const card = cardOf(notification({}, { object: { kind: 'connection', id: 'c', label: HOSTILE }, value: '{{DATE(2020-01-01T00:00:00Z)}}' }));
    expect(card.body[1].facts[1].value).toBe(`\\<img src=x onerror=alert(1)\\> \\*bold\\* \\<!channel\\> @everyone \\[link\\](http:\u200B//evil)`);
    expect(card.body[1].facts[2].value).toBe('\\{\\{DATE(2020-01-01T00:00:00Z)\\}\\}');
  });
});
