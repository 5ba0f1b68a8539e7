import type { ChannelModel } from 'amqplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { management, openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, VIEWPORT, waitForLive, type PageProblems } from './browser';
import { startScenery, type Scenery } from './scenery';

/**
 * The connections and queues tables as a user reads them, in a real Chromium
 * at 1440×900 against the real app and broker: alert toasts leave the table
 * head free, at-risk applications come first and rabbitpulse's own last
 * (its probe's deliberate prefetch 0 not flagged), queues carry their firing
 * alerts, and a consumer that never acks reads "blocked on acks", not 100 %.
 */
describe('connections and queues tables in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let scenery: Scenery | undefined;
  let publisher: ChannelModel | undefined;
  const problems: PageProblems = { list: [] };
  // Backlogs nobody consumes: each raises backlog-without-consumers, one more than the toasts shown at once.
  const backlogs = Array.from({ length: 5 }, () => uniqueName('e2e-backlog'));

  beforeAll(async () => {
    requireProductionBuild();
    [app, browser, scenery] = await Promise.all([
      startApp({
        config: {
          poll: { intervalMs: 1000 },
          probes: { largeMessage: { enabled: false } },
          alerts: { rules: { 'backlog-without-consumers': { forMs: 1000, resolveAfterMs: 1000 } } },
          targets: [{ id: 'local', name: 'Local' }],
        },
      }),
      launchBrowser(),
      startScenery(),
    ]);
  });

  afterAll(async () => {
    await publisher?.close().catch(() => {});
    await scenery?.stop();
    await Promise.all(backlogs.map((q) => management(`/api/queues/%2F/${encodeURIComponent(q)}`, { method: 'DELETE' }).catch(() => {})));
    await browser?.close();
    await app?.stop();
  });

  const rows = (page: Page) =>
    page.locator('[data-testid="conn-row"]').evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('data-connection-name') ?? '', own: e.getAttribute('data-own') === 'true' })));

  it('keeps alert toasts off the connections table head', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/connections`);
      await waitForLive(page);
      await page.locator('[data-testid="conn-row"]').first().waitFor({ timeout: 15_000 });

      publisher = await openConnection(uniqueName('e2e-backlog-publisher'));
      const ch = await publisher.createConfirmChannel();
      for (const q of backlogs) {
        await ch.assertQueue(q, { durable: false });
        for (let i = 0; i < 150; i++) ch.sendToQueue(q, Buffer.from(`job ${i}`));
      }
      await ch.waitForConfirms();

      // As many toasts as are shown at once, and the link to the rest: the most the stack ever covers.
      const toasts = page.getByTestId('toast');
      await waitFor('four toasts', async () => (await toasts.count()) >= 4, { timeoutMs: 30_000 });
      await page.locator('.toast-more').waitFor({ timeout: 10_000 });

      const head = (await page.locator('.vt-header-row').boundingBox())!;
      const covers = [...(await toasts.all()), page.locator('.toast-more')];
      for (const toast of covers) {
        const box = (await toast.boundingBox())!;
        expect(overlaps(box, head), `a toast at ${JSON.stringify(box)} covers the table head at ${JSON.stringify(head)}`).toBe(false);
        expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
      }
      // Every sort button still takes the click (Playwright checks nothing else is on top of it).
      for (const button of await page.locator('.vt-header-row button').all()) await button.click({ trial: true, timeout: 2_000 });
      await screenshot(page, 'connections-with-toasts', 'dark');
    } finally {
      await context.close();
    }
  }, 90_000);

  it("lists at-risk applications first and rabbitpulse's own last, without flagging the probe's prefetch", async () => {
    const { context, page } = await openPage(browser, 'light', problems);
    try {
      await page.goto(`${app.url}/connections`);
      await waitForLive(page);
      // billing-consumer: manual ack, prefetch 0, never acks (the broker's channel stats arrive on its 5 s timer).
      const billing = page.locator('[data-testid="conn-row"][data-connection-name="billing-consumer"]');
      await waitFor('billing-consumer at risk for its prefetch', async () => /prefetch 0/.test((await billing.locator('[data-col="risk"]').textContent()) ?? ''), { timeoutMs: 20_000 });

      const listed = await rows(page);
      const firstOwn = listed.findIndex((r) => r.own);
      expect(firstOwn).toBeGreaterThan(0);
      expect(listed.slice(firstOwn).every((r) => r.own), `own connections after every application's: ${JSON.stringify(listed)}`).toBe(true);
      const at = (name: string) => listed.findIndex((r) => r.name === name);
      // The broker is shared, so only the scenery's own order is checked: the at-risk one above the healthy ones.
      for (const healthy of ['orders-worker', 'email-sender', 'analytics-ingest', 'inventory-sync']) expect(at('billing-consumer')).toBeLessThan(at(healthy));

      const probe = page.locator('[data-testid="conn-row"][data-own="true"][data-connection-name^="rabbitpulse-probe/"]');
      await expect(probe.locator('[data-col="prefetch"]').textContent()).resolves.toBe('0 (unlimited)');
      await expect(probe.locator('[data-col="prefetch"] .badge-crit').count()).resolves.toBe(0);
      await expect(billing.locator('[data-col="prefetch"] .badge-crit').count()).resolves.toBe(1);
      await screenshot(page, 'connections-risk-order', 'light');

      // The probe's own page: its consumer's prefetch 0 is explained, not flagged.
      await probe.locator('a').first().click();
      const channel = page.locator('[data-testid="channel-row"]').first();
      await channel.waitFor({ timeout: 15_000 });
      await expect(channel.locator('[data-col="prefetch"]').textContent()).resolves.toBe('0 (unlimited)');
      await expect(page.locator('[data-testid="connection-detail"] .badge-crit').count()).resolves.toBe(0);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('marks queues with their firing alerts, and a consumer that never acks as blocked on acks', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/queues`);
      await waitForLive(page);
      const queueRow = (name: string) => page.locator(`[data-testid="queue-row"][data-queue-name="${name}"]`);

      const mark = queueRow(backlogs[0]!).getByTestId('queue-alert');
      await mark.waitFor({ timeout: 20_000 });
      await expect(mark.textContent()).resolves.toMatch(/1 alert$/);
      await expect(mark.getAttribute('data-severity')).resolves.toBe('warning');
      await expect(mark.locator('.badge').getAttribute('title')).resolves.toMatch(/^Warning: Backlog without consumers — \d+ ready, no consumers/);
      // Selected, the queue's panel names the alert.
      await queueRow(backlogs[0]!).getByRole('link').click();
      await expect(page.getByTestId('queue-panel').getByTestId('queue-alert-title').textContent()).resolves.toMatch(/Backlog without consumers/);
      // The marks and the "blocked on acks" flag cost no sideways scrolling at 1440 px.
      await expect(page.locator('.vt-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);

      // e2e-invoices-…: billing-consumer holds its 40 messages unacked and acks nothing.
      const invoices = page.locator('[data-testid="queue-row"][data-queue-name^="e2e-invoices-"]');
      const utilisation = invoices.getByTestId('utilisation');
      await utilisation.waitFor({ timeout: 20_000 });
      await expect(utilisation.getAttribute('data-kind')).resolves.toBe('blocked-on-acks');
      await expect(utilisation.textContent()).resolves.toMatch(/blocked on acks/);
      await expect(invoices.locator('[data-col="utilisation"]').textContent()).resolves.not.toMatch(/%/);
      // Whole, not cut to "blocked on …".
      await expect(invoices.locator('[data-col="utilisation"]').evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
      await screenshot(page, 'queues-marks', 'dark');

      // "Firing alerts only" keeps exactly the queues with a mark.
      await page.getByTestId('only-alerted').check();
      await waitFor('only alerted queues listed', async () => {
        const alerts = await page.locator('[data-testid="queue-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-alerts')));
        return alerts.length >= backlogs.length && alerts.every((n) => n !== '0');
      });
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

