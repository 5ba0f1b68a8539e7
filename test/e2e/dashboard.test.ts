import type { ChildProcess } from 'node:child_process';
import { copyFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ChannelModel } from 'amqplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatRisk } from '../../server/shared/heartbeat-risk';
import { ROOT, startApp, type RunningApp } from '../support/app';
import { brokerConnectionName, management, openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems, type Theme } from './browser';
import { startBlockedConsumer, startScenery, type Scenery } from './scenery';

/**
 * The dashboard in a real Chromium against the real app (production build)
 * and the machine's real RabbitMQ, with real amqplib clients: what a user
 * sees, live, without reloading.
 */
describe('dashboard in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let scenery: Scenery | undefined;
  const problems: PageProblems = { list: [] };
  const connections: ChannelModel[] = [];
  const queues: string[] = [];
  const children: ChildProcess[] = [];

  // One connection followed through the tests: listed, filtered, opened, force-closed.
  const subject = uniqueName('e2e-payments-consumer');
  const subjectQueue = uniqueName('e2e-payments');

  beforeAll(async () => {
    requireProductionBuild();
    [app, browser, scenery] = await Promise.all([startApp(), launchBrowser(), startScenery()]);
    // Closes are pushed the moment the broker's event exchange reports them; wait for the subscription.
    await waitFor('the event-exchange subscription', async () => (await app.state()).targets[0]?.probe?.eventExchange.state === 'subscribed', { timeoutMs: 20_000 });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
    await scenery?.stop();
    await Promise.all(queues.map((q) => management(`/api/queues/%2F/${encodeURIComponent(q)}`, { method: 'DELETE' }).catch(() => {})));
    await browser?.close();
    await app?.stop();
  });

  const rowOf = (page: Page, name: string) => page.locator(`[data-testid="conn-row"][data-connection-name="${name}"]`);

  it('shows a new connection live, filters to it, and opens its page with prefetch and unacked, then its queue', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/connections`);
      await waitForLive(page);
      await expect(rowOf(page, subject).count()).resolves.toBe(0);

      // Opened after the page loaded: it must arrive through the live stream, not a reload.
      const conn = await openConnection(subject, { heartbeat: 7 });
      conn.on('error', () => {});
      connections.push(conn);
      const ch = await conn.createChannel();
      await ch.prefetch(4);
      await ch.assertQueue(subjectQueue, { durable: false });
      queues.push(subjectQueue);
      for (let i = 0; i < 3; i++) ch.sendToQueue(subjectQueue, Buffer.from(`payment ${i}`));
      await ch.consume(subjectQueue, () => {}, { noAck: false }); // holds all 3 unacked

      const row = rowOf(page, subject);
      await row.waitFor({ timeout: 15_000 });
      await expect(row.locator('[data-col="timeout"]').textContent()).resolves.toBe('7 s');

      // rabbitpulse's own connections are listed, dimmed and tagged, and one click hides them.
      const own = page.locator('[data-testid="conn-row"][data-own="true"]');
      await own.first().waitFor();
      await expect(own.first().locator('.tag-own').textContent()).resolves.toBe('rabbitpulse');
      await page.getByTestId('show-own').uncheck();
      await expect(own.count()).resolves.toBe(0);
      await expect(row.count()).resolves.toBe(1);
      await page.getByTestId('show-own').check();

      await page.getByRole('searchbox').fill(subject);
      await waitFor('only the subject row after filtering', async () => {
        const names = await page.locator('[data-testid="conn-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-connection-name')));
        return names.length === 1 && names[0] === subject;
      });

      await row.getByRole('link', { name: subject }).click();
      await page.locator('[data-testid="connection-detail"]').waitFor();
      expect(decodeURIComponent(new URL(page.url()).pathname)).toContain('/connections/local/');
      // Channel statistics reach the management API on the broker's 5 s stats timer.
      const channel = page.locator('[data-testid="channel-row"]').first();
      await waitFor(
        'prefetch 4 and 3 unacked on the connection page',
        async () => (await channel.locator('[data-col="prefetch"]').textContent()) === '4' && (await channel.locator('[data-col="unacked"]').textContent()) === '3',
        { timeoutMs: 15_000 },
      );

      // The consumer's queue, one click away. Queue rows are streamed only to the queues page, so this
      // in-page navigation must ask the server for them and show them without a reload.
      const pageLoads: string[] = [];
      page.on('load', () => pageLoads.push(page.url()));
      await page.locator('[data-testid="connection-detail"]').getByRole('link', { name: subjectQueue }).click();
      const queueRow = page.locator(`[data-testid="queue-row"][data-queue-name="${subjectQueue}"]`);
      await queueRow.waitFor({ timeout: 15_000 });
      await waitFor('3 unacked on the queue row', async () => (await queueRow.locator('[data-col="unacked"]').textContent()) === '3', { timeoutMs: 15_000 });
      await expect(page.locator('[data-testid="queue-panel"] .card-title').textContent()).resolves.toBe(subjectQueue);
      expect(pageLoads).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a force-closed connection on the timeline within 2 s, with an understandable cause', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      const brokerName = await waitFor('the subject in the management API', () => brokerConnectionName(subject));
      await page.goto(`${app.url}/timeline`);
      await waitForLive(page);
      const card = page.locator('[data-testid="timeline-event"][data-event-kind="connection.closed"]').filter({ hasText: subject });
      await expect(card.count()).resolves.toBe(0);

      const sentAt = Date.now();
      await management(`/api/connections/${encodeURIComponent(brokerName)}`, { method: 'DELETE', headers: { 'X-Reason': 'e2e: closed by the test' } });
      await card.waitFor({ timeout: 5_000 });
      const elapsedMs = Date.now() - sentAt;
      console.log(`force-close → timeline row: ${elapsedMs} ms`);
      expect(elapsedMs).toBeLessThan(2_000);

      // From outside, an admin force-close and a client's own close look the same; the card must say so in words.
      const cause = await card.getAttribute('data-cause');
      expect(['clean', 'forced']).toContain(cause);
      await expect(card.locator('.badge').first().textContent()).resolves.toMatch(/clean close|force-closed/);
      await expect(card.locator('.event-explanation').textContent()).resolves.toMatch(/orderly|force-closed/);
      await expect(card.getByTestId('event-source').textContent()).resolves.toBe('via broker event');

      // The kind filter keeps closes under "Connections closed" and drops them from "Probe".
      await page.getByTestId('kind-filter').selectOption('probe');
      await expect(card.count()).resolves.toBe(0);
      await page.getByTestId('kind-filter').selectOption('closed');
      await expect(card.count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });

  it('shows the probe up, with its negotiated heartbeat timeout and round-trip figures', async () => {
    const { context, page } = await openPage(browser, 'light', problems);
    try {
      await page.goto(`${app.url}/probes`);
      await page.locator('[data-testid="probe-link"][data-state="up"]').waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('probe-timeout').textContent()).resolves.toBe('5 s');
      await waitFor('round trips counted', async () => Number((await page.getByTestId('probe-rt-sent').textContent())?.replace(/,/g, '')) > 0);
      await waitFor('a deliver p99 in milliseconds', async () => /^\d+(\.\d)? (ms|s)$/.test((await page.getByTestId('probe-deliver-p99').textContent()) ?? ''));
      await expect(page.getByTestId('self-health').textContent()).resolves.toMatch(/Probe worker loop/);
    } finally {
      await context.close();
    }
  });

  it.each<[Theme, string]>([
    ['dark', 'rgb(13, 17, 22)'],
    ['light', 'rgb(244, 245, 247)'],
  ])('renders the overview in the %s theme without console errors', async (theme, background) => {
    // The probe consumes with prefetch 0 on purpose, which would be a finding about an application;
    // wait until the broker lists it, so the attention panel has something to leave out.
    await waitFor('the probe connection in the state', async () =>
      (await app.state()).targets[0]?.connections.some((c) => c.own && c.name.startsWith('rabbitpulse-probe/')),
    );
    const local: PageProblems = { list: [] };
    const { context, page } = await openPage(browser, theme, local);
    try {
      await page.goto(app.url);
      await waitForLive(page);
      await page.locator('[data-testid="target-card"] [data-testid="probe-line"][data-state="up"]').waitFor({ timeout: 15_000 });
      await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe(background);
      // Let a few live deltas render before judging.
      await page.waitForTimeout(2_000);
      await expect(page.getByTestId('attention').textContent()).resolves.not.toMatch(/rabbitpulse-(probe|events|large)\//);
      expect(local.list).toEqual([]);
    } finally {
      problems.list.push(...local.list);
      await context.close();
    }
  });

  it('saves screenshots of every page in both themes', async () => {
    const blockedQueue = uniqueName('e2e-reports');
    queues.push(blockedQueue);
    children.push(startBlockedConsumer('reports-generator', 10, blockedQueue));

    const pages: Record<Theme, Page> = {} as Record<Theme, Page>;
    const contexts = [];
    for (const theme of ['dark', 'light'] as const) {
      const { context, page } = await openPage(browser, theme, problems);
      contexts.push(context);
      pages[theme] = page;
    }
    const shoot = (theme: Theme, name: string) => screenshot(pages[theme], name, theme);
    const both = async (pathname: string, name: string, ready: (page: Page) => Promise<unknown>) => {
      for (const theme of ['dark', 'light'] as const) {
        await pages[theme].goto(app.url + pathname);
        await waitForLive(pages[theme]);
        await ready(pages[theme]);
        await shoot(theme, name);
      }
    };
    try {
      // While the blocked consumer's silence grows, shoot the pages that do not need it.
      await both('/probes', 'probe', (p) => p.locator('[data-testid="probe-heartbeat"] .chart').first().waitFor({ timeout: 10_000 }));
      const billing = await waitFor('billing-consumer in the state', async () => (await app.state()).targets[0]?.connections.find((c) => c.name === 'billing-consumer'));
      await both(`/connections/local/${encodeURIComponent(billing.id)}`, 'connection', (p) =>
        p.locator('[data-testid="channel-row"]').first().waitFor({ timeout: 10_000 }),
      );
      // The queue that billing-consumer never acks, selected.
      const invoices = await waitFor('the invoices queue in the state', async () => (await app.state()).targets[0]?.queues.find((q) => q.name.startsWith('e2e-invoices')));
      await both(`/queues?target=local&queue=${encodeURIComponent(invoices.id)}`, 'queues', (p) =>
        p.locator('[data-testid="queue-panel"] .chart').first().waitFor({ timeout: 10_000 }),
      );

      // The blocked consumer past its heartbeat timeout makes the overview and the table worth a look:
      // the overview once it is a warning, the table once it is critical (shortly before the broker drops it).
      const blockedAt = (risk: 'warn' | 'crit') =>
        waitFor(`reports-generator at ${risk}`, async () => {
          const c = (await app.state()).targets[0]?.connections.find((x) => x.name === 'reports-generator');
          return c && heartbeatRisk(c.heartbeatTimeoutSec, c.silenceSec) === risk;
        }, { timeoutMs: 30_000, intervalMs: 250 }).catch(() => console.log(`reports-generator did not reach ${risk} in time; screenshots taken anyway`));
      await blockedAt('warn');
      await both('/', 'overview', (p) => p.locator('[data-testid="probe-line"][data-state="up"]').waitFor({ timeout: 10_000 }));
      await blockedAt('crit');
      await both('/connections', 'connections', (p) => rowOf(p, 'reports-generator').waitFor({ timeout: 10_000 }).catch(() => {}));

      // …and, once the broker has dropped it, the timeline.
      await both('/timeline', 'timeline', (p) =>
        p
          .locator('[data-testid="timeline-event"]')
          .filter({ hasText: 'reports-generator' })
          .waitFor({ timeout: 30_000 })
          .catch(() => console.log('reports-generator was not dropped in time; timeline screenshot taken anyway')),
      );

      // The README's pictures are refreshed only on request, so a test run leaves the tree clean.
      for (const [shot, doc] of [
        ['connections-dark.png', 'connections.png'],
        ['overview-dark.png', 'overview.png'],
      ] as const) {
        const source = path.join(ROOT, 'test-artifacts', 'screenshots', shot);
        expect(statSync(source).size).toBeLessThan(400 * 1024);
        if (process.env.RABBITPULSE_UPDATE_DOCS === '1') copyFileSync(source, path.join(ROOT, 'docs', doc));
      }
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  it('logged no console errors and no uncaught errors on any page', () => {
    expect(problems.list).toEqual([]);
  });
});
