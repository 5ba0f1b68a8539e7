import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { queueId } from '../../server/shared/object-id';
import { queueHref } from '../../components/links';
import { startApp, type RunningApp } from '../support/app';
import { runLab, type LabRun } from '../support/lab';
import { waitFor } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

/**
 * Alerts as a user meets them, in a real Chromium against the real app
 * (production build), the machine's RabbitMQ and a real lab scenario: a
 * toast and a badge when one fires, the alerts page with its explanation,
 * acknowledge, a test notification to a real local webhook receiver followed
 * to "delivered", and the alert moving to resolved when the scenario ends.
 */
describe('alerts in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let lab: LabRun | undefined;
  const problems: PageProblems = { list: [] };
  const SECRET = 'e2e-signing-secret-never-shown';

  beforeAll(async () => {
    requireProductionBuild();
    receiver = await startWebhookReceiver([200]);
    [app, browser] = await Promise.all([
      startApp({
        config: {
          poll: { intervalMs: 1000 },
          probes: { largeMessage: { enabled: false } },
          alerts: { rules: { 'backlog-without-consumers': { forMs: 2000, resolveAfterMs: 2000 } } },
          notifiers: [{ id: 'e2e-hook', name: 'E2E hook', kind: 'webhook', url: receiver.url, secret: SECRET, minSeverity: 'info', rules: ['backlog-without-consumers'] }],
          targets: [{ id: 'local', name: 'Local' }],
        },
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await lab?.stop();
    await browser?.close();
    await app?.stop();
    await receiver?.close();
  });

  const alerts = async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;
  const rowFor = (page: Page, state: Alert['state'], label: string) =>
    page.locator(`[data-testid="alert-row"][data-rule="backlog-without-consumers"][data-state="${state}"]`).filter({ hasText: label });

  it('toasts and badges a new firing alert, explains it, acknowledges it, tests the notifier and shows it resolve', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(app.url);
      await waitForLive(page);
      await expect(page.getByTestId('alert-badge').getAttribute('data-count')).resolves.toBe('0');

      lab = runLab('no-consumer-backlog', ['--rate', '50']);
      const queue = await waitFor('the lab to name its queue', () => /to (lab\.no-consumer-backlog\.[0-9a-z]+)/.exec(lab!.output())?.[1], { timeoutMs: 20_000 });

      // A toast for an alert that entered firing while the page was open.
      const toast = page.getByTestId('toast').filter({ hasText: queue });
      await toast.waitFor({ timeout: 30_000 });
      await expect(toast.textContent()).resolves.toMatch(/Warning.*Backlog without consumers/);
      await expect(page.getByTestId('toasts').getAttribute('role')).resolves.toBe('status');
      const badge = page.getByTestId('alert-badge');
      await waitFor('the badge to count the firing alert', async () => Number(await badge.getAttribute('data-count')) >= 1);
      await expect(badge.getAttribute('data-severity')).resolves.toMatch(/^(warning|critical)$/);
      await expect(badge.textContent()).resolves.toMatch(/\d+\s*firing/);

      // The badge leads to the alerts page, firing alert first, with its value and explanation.
      await badge.click();
      await page.waitForURL(/\/alerts$/);
      const firing = rowFor(page, 'firing', queue);
      await firing.waitFor({ timeout: 10_000 });
      await expect(firing.getByTestId('alert-value').textContent()).resolves.toMatch(/ready, no consumers/);
      await expect(firing.getByTestId('alert-explanation').textContent()).resolves.toMatch(/Likely cause and fix.*no consumer/is);
      await expect(firing.getByTestId('alert-object').getAttribute('href')).resolves.toBe(queueHref('local', queueId('/', queue)));
      // The card counts the delivery that happened, at the notifier it went to.
      const delivered = firing.locator('[data-testid="notified-line"][data-notifier-id="e2e-hook"][data-outcome="delivered"]');
      await delivered.waitFor({ timeout: 10_000 });
      await expect(delivered.textContent()).resolves.toMatch(/E2E hook\s*delivered 1$/);

      // Acknowledge: the row says so, and the server agrees.
      await firing.getByTestId('ack-button').click();
      await page.locator('[data-testid="alert-row"][data-state="firing"][data-acknowledged="true"]').filter({ hasText: queue }).waitFor({ timeout: 5_000 });
      await expect(firing.getByTestId('ack-marker').textContent()).resolves.toMatch(/Acknowledged/);
      await expect(firing.getByTestId('ack-button').count()).resolves.toBe(0);
      const acked = (await alerts()).find((a) => a.rule === 'backlog-without-consumers' && a.object.label === queue);
      expect(acked?.acknowledgedAt).toBeTypeOf('number');

      // Alerts already firing when a page loads are not news: no toast for it after a reload.
      // (Only this one is checked: the broker is shared, and another alert may really fire meanwhile.)
      await page.reload();
      await waitForLive(page);
      await firing.waitFor();
      await page.waitForTimeout(1_500);
      await expect(page.getByTestId('toast').filter({ hasText: queue }).count()).resolves.toBe(0);

      // The notifier shows its host only, never the URL's token or the secret.
      const notifier = page.locator('[data-testid="notifier-row"][data-notifier-id="e2e-hook"]');
      await expect(notifier.getByTestId('notifier-destination').textContent()).resolves.toBe(new URL(receiver.url).host);
      const html = await page.content();
      expect(html).not.toContain('SECRET-PATH-TOKEN');
      expect(html).not.toContain(SECRET);

      // Send test notification: the receiver gets kind "test", and the UI follows it to delivered.
      await notifier.getByTestId('test-notification').click();
      const test = await waitFor('a test notification at the receiver', () => receiver.requests.find((r) => r.json().kind === 'test'), { timeoutMs: 10_000 });
      expect(test.headers['x-rabbitpulse-event']).toBe('test');
      expect(test.json().schema).toBe('rabbitpulse.notification.v1');
      await notifier.locator('[data-testid="test-status"][data-state="delivered"]').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="delivery-row"][data-kind="test"][data-state="delivered"]').first().waitFor();
      await screenshot(page, 'alerts', 'dark');

      // The scenario ends (its queue is deleted): the alert resolves and moves to the resolved list.
      await lab.stop();
      lab = undefined;
      await rowFor(page, 'resolved', queue).waitFor({ timeout: 20_000 });
      await expect(rowFor(page, 'firing', queue).count()).resolves.toBe(0);
      // Its firing and its resolved, both delivered to the hook.
      await rowFor(page, 'resolved', queue).locator('[data-testid="resolved-notified"]').filter({ hasText: /^2 delivered$/ }).waitFor({ timeout: 10_000 });
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('switches the overview chart to 24 h and says at what resolution it draws', async () => {
    const { context, page } = await openPage(browser, 'light', problems);
    try {
      await page.goto(app.url);
      await waitForLive(page);
      const picker = page.getByTestId('range-picker').first();
      const resolution = page.getByTestId('chart-resolution').first();
      await picker.waitFor({ timeout: 15_000 });
      await expect(picker.locator('[aria-checked="true"]').count()).resolves.toBe(1);

      await picker.locator('[data-range="24h"]').click();
      await expect(picker.getAttribute('data-range')).resolves.toBe('24h');
      await expect(picker.locator('[data-range="24h"]').getAttribute('aria-checked')).resolves.toBe('true');
      // A day reaches past the raw retention, so the server answers with 1-minute rollups.
      await page.locator('[data-testid="chart-resolution"][data-resolution="1m"]').first().waitFor({ timeout: 10_000 });
      await expect(resolution.textContent()).resolves.toMatch(/1-minute/);

      await picker.locator('[data-range="15m"]').click();
      await page.locator('[data-testid="chart-resolution"][data-resolution="raw"]').first().waitFor({ timeout: 10_000 });
      await expect(resolution.textContent()).resolves.toMatch(/every poll/);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  }, 40_000);
});
