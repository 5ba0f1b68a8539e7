import { describe, expect, it } from 'vitest';
import { SlackNotifier } from '../../../server/alerts/notifiers/slack';
import { bodyOf, config, FIRED_AT, HOSTILE, notification, resolved, test } from './fixtures';

const slack = new SlackNotifier(config({ kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/XYZ' }));
const render = (n: Parameters<SlackNotifier['render']>[0]) => bodyOf(slack.render(n));

describe('Slack notifier', () => {
  it('renders a firing alert as Block Kit with a text fallback', () => {
    const req = slack.render(notification());
    expect(req.url).toBe('https://hooks.slack.com/services/T0/B0/XYZ');
    expect(req.headers['Content-Type']).toBe('application/json');
    const { text, blocks } = bodyOf(req);
    expect(text).toBe('🔴 CRITICAL: Consumer about to miss heartbeats — Connection orders-worker on Production');
    expect(blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔴 CRITICAL: Consumer about to miss heartbeats', emoji: true } });
    expect(blocks[1].fields).toEqual([
      { type: 'mrkdwn', text: '*Target*\nProduction', verbatim: true },
      { type: 'mrkdwn', text: '*Connection*\norders-worker', verbatim: true },
      { type: 'mrkdwn', text: '*Value*\nsilent 14 s with a 5 s heartbeat timeout', verbatim: true },
    ]);
    expect(blocks[2].text.text).toBe('The handler blocks the thread that sends heartbeats.');
    expect(blocks[3].elements[0].text).toBe(
      `rabbitpulse · rule heartbeat-risk · firing since <!date^${FIRED_AT / 1000}^{date_short_pretty} {time_secs}|2025-05-01T12:00:05.000Z>`,
    );
    expect(blocks[4].elements[0]).toEqual({ type: 'button', text: { type: 'plain_text', text: 'Open in rabbitpulse' }, url: 'https://pulse.example.com/connections/prod/abc' });
  });

  it('marks reminders as still firing', () => {
    expect(render(notification({ kind: 'reminder' })).blocks[0].text.text).toBe('🔴 CRITICAL (still firing): Consumer about to miss heartbeats');
  });

  it('renders resolved with its resolution time', () => {
    const { blocks, text } = render(resolved());
    expect(blocks[0].text.text).toBe('✅ RESOLVED: Consumer about to miss heartbeats');
    expect(text).toMatch(/^✅ RESOLVED/);
    expect(blocks[3].elements[0].text).toContain(`resolved <!date^${FIRED_AT / 1000 + 60}^`);
  });

  it('renders a test without a link button, explanation block or empty field', () => {
    const { blocks } = render(test());
    expect(blocks[0].text.text).toBe('🧪 TEST: Test notification from rabbitpulse');
    expect(blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'context']);
    expect(blocks[1].fields[1].text).toBe('*Broker*\nProduction');
    expect(blocks[1].fields[2].text).toBe('*Value*\n—');
  });

  it('escapes untrusted names so they cannot format, link or ping', () => {
    const n = notification({ targetName: '<!channel>' }, { object: { kind: 'queue', id: 'q', label: HOSTILE }, value: '@here *now*' });
    const body = render(n);
    const json = JSON.stringify(body);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('@everyone');
    expect(json).not.toContain('@here');
    expect(body.blocks[1].fields[0].text).toBe('*Target*\n&lt;!channel&gt;');
    expect(body.blocks[1].fields[1].text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body.text).toContain('&lt;img');
  });

  it('keeps the header within Slack\'s 150 characters', () => {
    const { blocks } = render(notification({}, { title: 'x'.repeat(400) }));
    expect(blocks[0].text.text.length).toBeLessThanOrEqual(150);
  });
});
