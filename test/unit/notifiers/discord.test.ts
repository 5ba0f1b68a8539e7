import { describe, expect, it } from 'vitest';
import { DiscordNotifier } from '../../../server/alerts/notifiers/discord';
import { bodyOf, config, HOSTILE, notification, resolved, test } from './fixtures';

const discord = new DiscordNotifier(config({ kind: 'discord', url: 'https://discord.com/api/webhooks/123/tok' }));
const render = (n: Parameters<DiscordNotifier['render']>[0]) => bodyOf(discord.render(n));

describe('Discord notifier', () => {
  it('renders a firing alert as one embed that can ping nobody', () => {
    const body = render(notification());
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.username).toBe('rabbitpulse');
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]).toEqual({
      title: '🔴 CRITICAL\\: Consumer about to miss heartbeats',
      url: 'https://pulse.example.com/connections/prod/abc',
      description: 'The handler blocks the thread that sends heartbeats.',
      color: 0xd93025,
      fields: [
        { name: 'Target', value: 'Production', inline: true },
        { name: 'Connection', value: 'orders\\-worker', inline: true },
        { name: 'Value', value: 'silent 14 s with a 5 s heartbeat timeout', inline: false },
      ],
      footer: { text: 'rabbitpulse · rule heartbeat-risk' },
      timestamp: '2025-05-01T12:00:05.000Z',
    });
  });

  it.each([
    ['critical', 0xd93025],
    ['warning', 0xf9ab00],
    ['info', 0x1a73e8],
  ] as const)('colours %s alerts %i', (severity, colour) => {
    expect(render(notification({}, { severity })).embeds[0].color).toBe(colour);
  });

  it('renders resolved in green', () => {
    const embed = render(resolved()).embeds[0];
    expect(embed.title).toBe('✅ RESOLVED\\: Consumer about to miss heartbeats');
    expect(embed.color).toBe(0x188038);
    expect(embed.timestamp).toBe('2025-05-01T12:01:05.000Z');
  });

  it('renders a test without a link and without empty fields', () => {
    const embed = render(test()).embeds[0];
    expect(embed.title).toBe('🧪 TEST\\: Test notification from rabbitpulse');
    expect(embed).not.toHaveProperty('url');
    expect(embed.description).toBe('—');
    expect(embed.fields[2].value).toBe('—');
  });

  it('escapes untrusted names for Discord markdown', () => {
    const embed = render(notification({ targetName: '@everyone' }, { object: { kind: 'queue', id: 'q', label: HOSTILE } })).embeds[0];
    expect(embed.fields[0].value).toBe('@\u200Beveryone');
    expect(embed.fields[1].value).toBe(`\\<img src=x onerror=alert(1)\\> \\*bold\\* \\<!channel\\> @\u200Beveryone \\[link\\](http\\://evil)`);
  });

  it('keeps fields within Discord\'s limits', () => {
    const embed = render(notification({}, { value: '*'.repeat(5000), title: 'x'.repeat(500) })).embeds[0];
    expect(embed.fields[2].value.length).toBeLessThanOrEqual(1024);
    expect(embed.title.length).toBeLessThanOrEqual(256);
  });
});
