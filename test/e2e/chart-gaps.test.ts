import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDatabase, type RunningApp } from '../support/app';
import { sleep, waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

/**
 * The time rabbitpulse was stopped is a hole in the overview chart, not a
 * line across it: with no queues the values either side are 0, and a line
 * joining them would claim "0 all along". The app runs, stops for a while
 * (several poll intervals, but less than the 15 s the chart used to need
 * before it broke a line), and starts again on the same history.
 */
describe('chart gaps in a real browser', () => {
  let app: RunningApp | undefined;
  let browser: Browser;
  const problems: PageProblems = { list: [] };
  const database = tempDatabase();
  const start = () =>
    startApp({
      config: { poll: { intervalMs: 1000 }, targets: [{ id: 'local', name: 'Local' }] },
      // Only the poll makes chart points; the probes and the event subscription would only add load.
      env: { RABBITPULSE_DATABASE: database, RABBITPULSE_PROBES: 'off', RABBITPULSE_EVENT_EXCHANGE: 'off' },
    });

  beforeAll(async () => {
    requireProductionBuild();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('breaks every line of the overview chart where rabbitpulse was stopped', async () => {
    app = await start();
    await waitFor('five polls before the stop', async () => (await app!.getJson<{ samples: unknown[] }>('/api/v1/targets/local/history?range=15m')).samples.length >= 5, { timeoutMs: 20_000 });
    await app.stop();
    await sleep(6_000);
    app = await start();

    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(app.url);
      await waitForLive(page);
      const lines = page.locator('[data-testid="target-card"] .recharts-line-curve');
      // A path restarts with a move (M) after each gap: two runs of points make two moves.
      const runs = async () => (await lines.evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').match(/M/g)?.length ?? 0))) as number[];
      const counted = await waitFor(
        'both lines drawn on both sides of the stop',
        async () => {
          const r = await runs();
          return r.length === 2 && r.every((n) => n >= 2) ? r : undefined;
        },
        { timeoutMs: 20_000 },
      );
      // Unacked and connections: each line broken, not only one of them.
      expect(counted).toHaveLength(2);
      await screenshot(page, 'overview-chart-gap', 'dark');
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
