import { createServer } from 'node:net';
import path from 'node:path';
import type { ChannelModel } from 'amqplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDatabase, type RunningApp } from '../support/app';
import { createViewerToken, PASSWORD_AUTH } from '../support/auth';
import { openConnection } from '../support/broker';
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, SCREENSHOT_DIR, type PageProblems } from './browser';

/**
 * The wall on a TV, in a real Chromium: opened with a viewer token at
 * 1920×1080 and 3840×2160, nothing may overflow (measured, not eyeballed),
 * more targets than fit page through, and it survives a restart of
 * rabbitpulse on its own, saying how old its data is while the server is away.
 */
describe('wall display in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let port: number;
  const database = tempDatabase();
  const connections: ChannelModel[] = [];
  const problems: PageProblems = { list: [] };
  let wallPath: string;

  // Seven targets (six fit a page): the local broker under several names, and one that cannot be reached.
  const config = {
    poll: { intervalMs: 1000 },
    probes: { enabled: false },
    alerts: { rules: { 'management-unavailable': { forMs: 1000 } } },
    targets: [
      { id: 'local', name: 'Production EU' },
      { id: 'staging', name: 'Staging' },
      { id: 'billing', name: 'Billing cluster with a display name far too long for any tile on any screen' },
      { id: 'analytics', name: 'Analytics' },
      { id: 'edge', name: 'Edge' },
      { id: 'lab', name: 'Lab' },
      { id: 'prod-us', name: 'Production US', managementUrl: 'http://127.0.0.1:1', amqpUrl: 'amqp://guest:guest@127.0.0.1:1' },
    ],
  };
  const start = () => startApp({ env: { ...PASSWORD_AUTH, PORT: String(port), RABBITPULSE_DATABASE: database }, config });

  beforeAll(async () => {
    requireProductionBuild();
    port = await freePort();
    [app, browser] = await Promise.all([start(), launchBrowser()]);
    // Applications with heartbeats, one of them with a name nobody would choose on purpose.
    for (const name of ['<img src=x onerror=alert(1)> a consumer whose name is long enough to need cutting on the wall', 'orders-worker']) {
      const c = await openConnection(name, { heartbeat: 30 });
      c.on('error', () => {});
      connections.push(c);
    }
    wallPath = (await createViewerToken(app, 'e2e wall')).wallPath;
  });

  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await app?.stop();
    expect(problems.list).toEqual([]);
  });

  it.each([
    [1920, 1080],
    [3840, 2160],
  ])('fills %i×%i without overflowing, on every page of targets', async (width, height) => {
    const { context, page } = await openPage(browser, 'dark', problems, { width, height });
    try {
      await page.goto(`${app.url}${wallPath}&pageSeconds=4`);
      // The token went into an httpOnly cookie and out of the address bar.
      expect(page.url()).toBe(`${app.url}/wall?pageSeconds=4`);
      await waitFor('six tiles, live data and the unreachable target\'s alert', async () =>
        (await page.locator('[data-testid="wall-tile"]').count()) === 6 &&
        (await page.locator('[data-testid="wall-alert"]').count()) > 0 &&
        (await page.getByTestId('wall-lowest-margin').textContent())?.includes('of 30 s') === true &&
        (await page.getByTestId('wall-stale').count()) === 0,
        { timeoutMs: 30_000 },
      );
      const seen = new Set<string>();
      for (let i = 0; i < 2; i++) {
        const label = (await page.getByTestId('wall-page').textContent())!;
        seen.add(label);
        expect(await overflow(page), label).toEqual([]);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `wall-${width}x${height}-page${label.slice(-6, -5)}.png`) });
        await waitFor('the next page', async () => (await page.getByTestId('wall-page').textContent()) !== label, { timeoutMs: 8000 });
      }
      expect([...seen].sort()).toEqual(['Targets page 1 of 2', 'Targets page 2 of 2']);
      // Status by word and shape as well as colour.
      const words = await page.locator('[data-testid="wall-status"]').allTextContents();
      for (const w of words) expect(w).toMatch(/^(✓ OK|▲ WARNING|◆ CRITICAL|○ STARTING)$/);
      // Hostile text stays text.
      await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows "data N s old" while rabbitpulse is down and recovers by itself when it is back', async () => {
    const { context, page } = await openPage(browser, 'dark', problems, { width: 1920, height: 1080 });
    // The restart makes the browser log failed WebSocket attempts; that is what it is meant to survive.
    const before = problems.list.length;
    try {
      await page.goto(`${app.url}${wallPath}&targets=local,staging`);
      await page.locator('[data-testid="wall-tile"]').nth(1).waitFor({ timeout: 20_000 });
      await page.evaluate(() => ((window as unknown as { wallMarker: number }).wallMarker = 42));

      await app.stop();
      const stale = page.getByTestId('wall-stale');
      await stale.waitFor({ timeout: 10_000 });
      await waitFor('the age to count up', async () => /^▲ Data \d+ s old — cannot reach rabbitpulse, retrying…$/.test((await stale.textContent()) ?? '') && Number(await stale.getAttribute('data-age-sec')) >= 3, {
        timeoutMs: 15_000,
      });
      expect(await overflow(page)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'wall-stale-1920x1080.png') });
      // Tiles stay up with the last data, under the notice.
      await expect(page.locator('[data-testid="wall-tile"]').count()).resolves.toBe(2);

      app = await start();
      await stale.waitFor({ state: 'detached', timeout: 30_000 });
      await expect(page.evaluate(() => (window as unknown as { wallMarker?: number }).wallMarker)).resolves.toBe(42); // no reload: the socket came back
      expect(new URL(page.url()).pathname).toBe('/wall');
      await expect(page.locator('[data-testid="wall-tile"]').count()).resolves.toBe(2);
    } finally {
      problems.list.splice(before);
      await context.close();
    }
  }, 90_000);
});

/**
 * Everything that does not fit: the page scrolling, any element of the wall
 * outside the screen or its box, and any box whose content is taller or
 * wider than the box (text that is cut with an ellipsis on purpose has its
 * own overflow: hidden box and does not count).
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth || doc.scrollHeight > doc.clientHeight) problems.push(`page scrolls: ${doc.scrollWidth}×${doc.scrollHeight} in ${doc.clientWidth}×${doc.clientHeight}`);
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const wall = document.querySelector('[data-testid="wall"]');
    if (!wall) return ['no wall'];
    for (const el of wall.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${name(el)} off screen: ${JSON.stringify(r)}`);
    }
    const boxes = wall.querySelectorAll('.wall-tile, .wall-alerts, .wall-alert, .wall-fact, .wall-header, .wall-tiles, .wall-main, .wall-footer, .wall-stale');
    for (const box of boxes) {
      const b = box as HTMLElement;
      if (b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1) problems.push(`${name(b)} content ${b.scrollWidth}×${b.scrollHeight} exceeds ${b.clientWidth}×${b.clientHeight}`);
      const outer = b.getBoundingClientRect();
      for (const child of b.children) {
        const r = child.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5 || r.top < outer.top - 0.5 || r.bottom > outer.bottom + 0.5) {
          problems.push(`${name(child)} sticks out of ${name(b)}`);
        }
      }
    }
    return problems;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
