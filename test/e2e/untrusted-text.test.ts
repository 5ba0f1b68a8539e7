import type { Channel, ChannelModel } from 'amqplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { management, openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

const IMG = '<img src=x onerror=alert(1)>';
const MARKUP = '*urgent* <!channel> @everyone [click](http://evil.example) `rm -rf` ~gone~';

/**
 * Connection names are chosen by any client of the broker. Two hostile ones
 * — HTML that would run script, and chat markup that would ping everyone
 * and plant a link — must be plain text in every page (a real Chromium),
 * and escaped in each chat service's notification (a real receiver).
 */
describe('untrusted text from broker clients', () => {
  let app: RunningApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  const problems: PageProblems = { list: [] };
  const connections: ChannelModel[] = [];
  const queues: string[] = [];

  beforeAll(async () => {
    requireProductionBuild();
    receiver = await startWebhookReceiver([200]);
    const base = new URL(receiver.url).origin;
    const only = ['unbounded-prefetch'];
    [app, browser] = await Promise.all([
      startApp({
        config: {
          poll: { intervalMs: 1000 },
          probes: { enabled: false },
          alerts: { rules: { 'unbounded-prefetch': { forMs: 0, params: { unacked: 1 } } } },
          notifiers: [
            { id: 'hook', kind: 'webhook', url: `${base}/hook`, minSeverity: 'info', rules: only },
            { id: 'slack', kind: 'slack', url: `${base}/slack`, minSeverity: 'info', rules: only },
            { id: 'teams', kind: 'teams', url: `${base}/teams`, minSeverity: 'info', rules: only },
            { id: 'discord', kind: 'discord', url: `${base}/discord`, minSeverity: 'info', rules: only },
          ],
          targets: [{ id: 'local', name: 'Local' }],
        },
      }),
      launchBrowser(),
    ]);
    // Manual ack, prefetch 0, five messages held: an unbounded-prefetch alert on each connection.
    for (const name of [IMG, MARKUP]) {
      const c = await openConnection(name, { heartbeat: 30 });
      c.on('error', () => {});
      connections.push(c);
      const ch: Channel = await c.createChannel();
      const q = uniqueName('e2e-untrusted');
      await ch.assertQueue(q, { durable: false });
      queues.push(q);
      for (let i = 0; i < 5; i++) ch.sendToQueue(q, Buffer.from(`m${i}`));
      await ch.consume(q, () => {}, { noAck: false });
    }
  });

  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
    await Promise.all(queues.map((q) => management(`/api/queues/%2F/${encodeURIComponent(q)}`, { method: 'DELETE' }).catch(() => {})));
    await browser?.close();
    await app?.stop();
    await receiver?.close();
    expect(problems.list).toEqual([]);
  });

  const firingFor = (name: string) =>
    waitFor(
      `unbounded-prefetch firing on ${JSON.stringify(name)}`,
      async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.rule === 'unbounded-prefetch' && a.object.label === name && a.state === 'firing'),
      { timeoutMs: 40_000, intervalMs: 500 },
    );

  it('escapes them in every chat notification, and keeps them exact in the generic webhook', async () => {
    await firingFor(IMG);
    await firingFor(MARKUP);
    // The broker is shared: another test's consumer may fire the same rule, so only notifications about this test's queues count.
    // Matched on each queue name's random suffix: chat dialects escape its dashes differently.
    const ours = (r: ReceivedRequest) => queues.some((q) => r.body.includes(q.slice(q.lastIndexOf('-') + 1)));
    const sentTo = (path: string) =>
      waitFor(`2 notifications at ${path}`, () => {
        const mine = receiver.requests.filter((r) => r.path === path && ours(r));
        return mine.length >= 2 && mine;
      }, { timeoutMs: 20_000 });
    const text = (requests: ReceivedRequest[]) => requests.map((r) => strings(r.json()).join('\n')).join('\n');

    const slack = text(await sentTo('/slack'));
    expect(slack).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(slack).toContain('&lt;!channel&gt;');
    for (const raw of ['<img', '<!channel>', '@everyone', '*urgent*', '[click](http://evil.example)', '`rm -rf`']) expect(slack, raw).not.toContain(raw);

    // Discord and Teams take backslash escapes: no markup character may stand without one.
    const unescaped = [/(?<!\\)<img/, /(?<!\\)\[click/, /(?<!\\)\*urgent/, /(?<!\\)`rm/];
    const discordRequests = await sentTo('/discord');
    const discord = text(discordRequests);
    expect(discord).toContain('\\<img src=x onerror=alert(1)\\>');
    for (const re of unescaped) expect(discord, String(re)).not.toMatch(re);
    expect(discord).not.toContain('@everyone');
    for (const r of discordRequests) expect(r.json().allowed_mentions).toEqual({ parse: [] });

    const teams = text(await sentTo('/teams'));
    for (const re of unescaped) expect(teams, String(re)).not.toMatch(re);

    // The generic webhook is JSON for programs: the exact values, escaped only by JSON itself.
    const labels = (await sentTo('/hook')).map((r) => JSON.stringify(r.json()));
    expect(labels.some((l) => l.includes(JSON.stringify(IMG).slice(1, -1)))).toBe(true);
    expect(labels.some((l) => l.includes(JSON.stringify(MARKUP).slice(1, -1)))).toBe(true);
  }, 90_000);

  it('shows them as plain text on every page: no element, no script, no dialog', async () => {
    await firingFor(IMG);
    const { context, page } = await openPage(browser, 'dark', problems);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(`${app.url}/connections`);
      await waitForLive(page);
      for (const name of [IMG, MARKUP]) {
        const row = page.locator(`[data-testid="conn-row"][data-connection-name=${cssString(name)}]`);
        await row.waitFor({ timeout: 15_000 });
        await expect(row.locator('a').first().textContent()).resolves.toBe(name);
      }
      await expectInert(page, dialogs);
      await screenshot(page, 'untrusted-connections', 'dark');

      await page.locator(`[data-testid="conn-row"][data-connection-name=${cssString(IMG)}] a`).first().click();
      await page.locator('[data-testid="connection-detail"]').waitFor();
      await expect(page.locator('[data-testid="connection-detail"]').textContent()).resolves.toContain(IMG);
      await expectInert(page, dialogs);

      await page.goto(`${app.url}/alerts`);
      await waitForLive(page);
      const card = page.locator('[data-testid="alert-row"][data-rule="unbounded-prefetch"]').filter({ hasText: IMG });
      await card.first().waitFor({ timeout: 15_000 });
      await expect(card.first().getByTestId('alert-object').textContent()).resolves.toBe(IMG);
      await expectInert(page, dialogs);
      await screenshot(page, 'untrusted-alerts', 'dark');

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${app.url}/wall`);
      const item = page.locator('[data-testid="wall-alert"]').filter({ hasText: IMG });
      await item.first().waitFor({ timeout: 15_000 });
      await expectInert(page, dialogs);
    } finally {
      await context.close();
    }
  }, 90_000);
});

async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  // Give an injected handler every chance to have run.
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    links: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('http://evil.example')).length,
  }));
  expect(found).toEqual({ images: 0, handlers: 0, links: 0 });
  expect(dialogs).toEqual([]);
}

/** A CSS attribute-selector string for any text. */
function cssString(text: string): string {
  return JSON.stringify(text);
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
