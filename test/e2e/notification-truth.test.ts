import type { ChannelModel } from 'amqplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { management, openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

/**
 * Issue 15: alert cards said "1 notification sent" with no notifier
 * configured. Here, in a real Chromium against the real app with no
 * notifiers, an alert really fires (a queue with a backlog and no consumer
 * on the machine's RabbitMQ) and its card must say that nobody was told.
 */
describe('an alert card with no notifier configured', () => {
  let app: RunningApp;
  let browser: Browser;
  let conn: ChannelModel | undefined;
  const queue = uniqueName('e2e-unheard');
  const problems: PageProblems = { list: [] };

  beforeAll(async () => {
    requireProductionBuild();
    [app, browser] = await Promise.all([
      startApp({
        config: {
          poll: { intervalMs: 1000 },
          probes: { largeMessage: { enabled: false } },
          alerts: { rules: { 'backlog-without-consumers': { forMs: 0, params: { ready: 10 } } } },
          targets: [{ id: 'local', name: 'Local' }],
        },
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await management(`/api/queues/%2F/${encodeURIComponent(queue)}`, { method: 'DELETE' }).catch(() => {});
    await conn?.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  });

  it('says "no notifier configured" with the way to add one, and nothing about sent notifications', async () => {
    conn = await openConnection('e2e-unheard-publisher');
    const ch = await conn.createConfirmChannel();
    await ch.assertQueue(queue, { durable: false });
    for (let i = 0; i < 20; i++) ch.sendToQueue(queue, Buffer.from(`job ${i}`));
    await ch.waitForConfirms();

    const alerts = async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;
    const fired = await waitFor('the backlog alert to fire', async () => (await alerts()).find((a) => a.object.label === queue && a.state === 'firing'), { timeoutMs: 20_000 });
    // The server raised a notification, and says no notifier got it.
    expect(fired.notifications).toBe(1);
    expect(fired.delivery).toBeUndefined();

    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/alerts`);
      await waitForLive(page);
      const card = page.locator('[data-testid="alert-row"][data-rule="backlog-without-consumers"][data-state="firing"]').filter({ hasText: queue });
      await card.waitFor({ timeout: 10_000 });
      const notified = card.getByTestId('alert-notified');
      const note = notified.locator('[data-testid="notified-note"][data-kind="no-notifier"]');
      await expect(note.textContent()).resolves.toMatch(/^\W*No notifier configured: nobody is told about this alert\. Add one under notifiers: in the config file \(README, “Alerts and notifications”\)\.$/);
      await expect(notified.getByTestId('notified-line').count()).resolves.toBe(0);
      await expect(card.textContent()).resolves.not.toMatch(/notifications? sent|notified \d/i);

      // The hint leads to the notifiers card, which says how to add one.
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'alert-card-no-notifier', 'dark');
      await notified.getByTestId('notifier-hint').click();
      await page.waitForURL(/\/alerts#notifiers$/);
      await expect(page.getByTestId('notifiers').textContent()).resolves.toMatch(/None configured/);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
