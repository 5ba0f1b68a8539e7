import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { MANAGEMENT_URL } from '../support/broker';

/** Without its own credentials a target's management API is asked with the amqpUrl's: here only the AMQP password is wrong. */
const MANAGEMENT_LOGIN = { username: 'guest', password: 'guest' };
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems, type Theme } from './browser';

/**
 * One verdict per target, everywhere: a target whose management API answers
 * but whose AMQP password is wrong. The header's alert badge, the target's
 * badge, "Needs attention" and the wall all say the probe is down with its
 * credentials refused; none says "ok" beside a critical alert.
 */
describe('target health agrees across the overview, "Needs attention" and the wall', () => {
  let app: RunningApp;
  let browser: Browser;
  const problems: PageProblems = { list: [] };
  const DOWN = 'probe down: credentials refused';

  beforeAll(async () => {
    requireProductionBuild();
    [app, browser] = await Promise.all([
      startApp({
        config: {
          probes: { reconnectBaseMs: 500, reconnectMaxMs: 2000, largeMessage: { enabled: false } },
          targets: [{ id: 'wrong', name: 'Wrong AMQP password', amqpUrl: 'amqp://guest:not-the-password@127.0.0.1:5672', managementUrl: MANAGEMENT_URL, ...MANAGEMENT_LOGIN }],
        },
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    expect(problems.list).toEqual([]);
  });

  it.each<Theme>(['dark', 'light'])('the overview (%s): the badge and "Needs attention" say the probe is down, with the alert', async (theme) => {
    const { context, page } = await openPage(browser, theme, problems);
    try {
      await page.goto(app.url);
      await waitForLive(page);
      const badge = page.getByTestId('target-health');
      await waitFor('the target badge to turn critical', async () => (await badge.getAttribute('data-level')) === 'crit', { timeoutMs: 20_000 });
      await expect(badge.textContent()).resolves.toMatch(new RegExp(`^◆critical — ${DOWN}`));

      // The header counts the critical alert the probe's loss raised; the badge beside it agrees.
      const alertBadge = page.getByTestId('alert-badge');
      await waitFor('the header to count a critical alert', async () => (await alertBadge.getAttribute('data-severity')) === 'critical');

      const attention = page.getByTestId('attention');
      const target = attention.locator('[data-testid="attention-target"][data-target="wrong"]');
      await expect(target.getAttribute('data-level')).resolves.toBe('crit');
      await expect(target.textContent()).resolves.toContain(DOWN);
      // The alert leads the lists, with its value (the exact cause) and its explanation (cause and fix), linked to its card.
      const alert = attention.locator('[data-testid="attention-alert"][data-state="firing"]').filter({ hasText: 'Probe connection reset' });
      await alert.waitFor({ timeout: 10_000 });
      await expect(alert.textContent()).resolves.toMatch(/auth failure: Handshake terminated by server: 403 \(ACCESS-REFUSED\)/);
      await expect(alert.getByTestId('attention-alert-explanation').textContent()).resolves.toMatch(/It resolves when the probe reconnects/);
      await expect(alert.getByTestId('attention-alert-link').getAttribute('href')).resolves.toMatch(/^\/alerts#alert-probe-reset%7Cwrong%7C/);
      // Whatever the connections, the panel never says only that there is nothing to check.
      await expect(attention.textContent()).resolves.not.toContain('No client connections to check yet. Consumers and publishers appear here');
      console.log(`overview screenshot: ${await screenshot(page, 'target-health-overview', theme)}`);

      // The link lands on the alert's own card.
      await alert.getByTestId('attention-alert-link').click();
      await page.waitForURL(/\/alerts#alert-/);
      const card = page.locator('[data-testid="alert-row"][data-rule="probe-reset"]');
      await card.waitFor();
      await expect(card.getAttribute('id')).resolves.toBe(new URL(page.url()).hash.slice(1));
    } finally {
      await context.close();
    }
  });

  it('the wall tile says CRITICAL with the same reason', async () => {
    const { context, page } = await openPage(browser, 'dark', problems, { width: 1920, height: 1080 });
    try {
      await page.goto(`${app.url}/wall`);
      const tile = page.locator('[data-testid="wall-tile"][data-target="wrong"]');
      await waitFor('the tile to turn critical', async () => (await tile.getAttribute('data-level')) === 'crit', { timeoutMs: 20_000 });
      await expect(tile.getByTestId('wall-status').textContent()).resolves.toBe('◆ CRITICAL');
      await expect(tile.locator('.wall-tile-reason').textContent()).resolves.toMatch(new RegExp(`^${DOWN} · 1 critical alert: Probe connection reset`));
      console.log(`wall screenshot: ${await screenshot(page, 'target-health-wall', 'dark')}`);
    } finally {
      await context.close();
    }
  });
});
