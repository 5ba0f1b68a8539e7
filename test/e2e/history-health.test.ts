import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

/**
 * What a user sees when history stops being kept: the data folder deleted
 * under the running app, with the overview open in a real Chromium. Nothing
 * on the page changes by itself otherwise, which is the point: the banner
 * and the self-health line must say it, live, without a reload.
 */
describe('history not kept, in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  const folder = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-e2e-history-'));
  const database = path.join(folder, 'data', 'history.db');
  const problems: PageProblems = { list: [] };

  beforeAll(async () => {
    requireProductionBuild();
    [app, browser] = await Promise.all([startApp({ env: { RABBITPULSE_DATABASE: database, RABBITPULSE_PROBES: 'off' } }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows a banner on every page and a History line in the self-health panel, with the file and the fix', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(app.url);
      await waitForLive(page);
      const line = page.getByTestId('self-health-history');
      // The first self-health report comes 5 s after start.
      await line.locator('.selfhealth-main', { hasText: /^saving$/ }).waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('history-banner').count()).resolves.toBe(0);

      rmSync(path.dirname(database), { recursive: true, force: true });
      const banner = page.getByTestId('history-banner');
      await banner.waitFor({ timeout: 20_000 });
      const text = (await banner.textContent()) ?? '';
      expect(text).toMatch(/^◆History not saved since .+\. The database file .*history\.db was deleted with its folder .* while rabbitpulse was running\./);
      expect(text).toContain('Restart rabbitpulse to create a new one at that path.');
      await expect(line.getAttribute('data-level')).resolves.toBe('crit');
      await expect(line.locator('.selfhealth-main').textContent()).resolves.toMatch(/not saved since \d/);
      await screenshot(page, 'history-not-kept', 'dark');

      // Every dashboard page carries it, not only the overview.
      await page.getByRole('link', { name: 'Connections' }).click();
      await page.getByTestId('history-banner').waitFor({ timeout: 5000 });
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
