import type { Channel, ChannelModel } from 'amqplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateResponse } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { management, openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

/**
 * Names with a right-to-left override, ESC and BEL (`vh\u202Eevil` would
 * display as "vhlive"), and a queue with the longest name AMQP allows: the
 * pages show visible stand-ins for the invisible characters, the JSON API
 * keeps the raw values, and links stay short whatever the name.
 */
const RLO_NAME = `vh\u202Eevil\u001B[31m\u0007-${Date.now().toString(36)}`;
const SHOWN = RLO_NAME.replace('\u202E', '⟨U+202E⟩').replace('\u001B', '⟨ESC⟩').replace('\u0007', '⟨BEL⟩');

describe('control and bidirectional characters in broker names', () => {
  let app: RunningApp;
  let browser: Browser;
  const problems: PageProblems = { list: [] };
  let connection: ChannelModel;
  const longQueue = `${uniqueName('e2e-long')}-${'ж'.repeat(100)}`.slice(0, 120); // 2-byte letters: close to AMQP's 255-byte limit

  beforeAll(async () => {
    requireProductionBuild();
    [app, browser] = await Promise.all([startApp({ config: { poll: { intervalMs: 1000 }, probes: { enabled: false }, targets: [{ id: 'local' }] } }), launchBrowser()]);
    connection = await openConnection(RLO_NAME);
    connection.on('error', () => {});
    const ch: Channel = await connection.createChannel();
    await ch.assertQueue(longQueue, { durable: false, autoDelete: true });
    await ch.consume(longQueue, () => {}, { noAck: true });
  });

  afterAll(async () => {
    await connection?.close().catch(() => {});
    await management(`/api/queues/%2F/${encodeURIComponent(longQueue)}`, { method: 'DELETE' }).catch(() => {});
    await browser?.close();
    await app?.stop();
    expect(problems.list).toEqual([]);
  });

  it('keeps the raw name in the JSON API', async () => {
    const listed = await waitFor('the connection listed', async () =>
      (await app.getJson<StateResponse>('/api/v1/state')).targets[0]!.connections.find((c) => c.providedName === RLO_NAME),
    );
    expect(listed.name).toBe(RLO_NAME);
  });

  it('shows visible stand-ins on the page, and links by a short id', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/connections`);
      await waitForLive(page);
      const link = page.locator('[data-testid="conn-row"]').filter({ hasText: SHOWN }).locator('a').first();
      await link.waitFor({ timeout: 15_000 });
      await expect(link.textContent()).resolves.toBe(SHOWN);
      const bodyText = await page.locator('body').textContent();
      expect(bodyText).not.toMatch(/[\u202E\u001B\u0007]/);
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(/^\/connections\/local\/c[0-9a-z]{11}$/);
      await screenshot(page, 'control-characters', 'dark');

      await link.click();
      await page.locator('[data-testid="connection-detail"]').waitFor();
      await expect(page.locator('[data-testid="connection-detail"]').textContent()).resolves.toContain(SHOWN);

      // The consumer's queue link is as short as any other.
      const queueLink = page.locator('a[href^="/queues?"]').first();
      await queueLink.waitFor({ timeout: 15_000 });
      expect((await queueLink.getAttribute('href'))!.length).toBeLessThan(80);
      await queueLink.click();
      await page.locator('[data-testid="queue-row"]').first().waitFor({ timeout: 15_000 });
      expect(page.url().length).toBeLessThan(app.url.length + 80);
    } finally {
      await context.close();
    }
  }, 90_000);
});
