import amqp, { type ChannelModel } from 'amqplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { uniqueName } from '../support/broker';
import { startPrivateBroker, type PrivateBroker } from '../support/private-broker';
import { waitFor } from '../support/wait';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

const GUEST = 'Basic ' + Buffer.from('guest:guest').toString('base64');

/**
 * What a person sees of the broker's own words: a private node with the log
 * exchange on, a client that acks twice and one an admin force-closes. The
 * timeline shows "The broker said" with the line verbatim (a hostile name in
 * it stays text), the channel filter finds the channel close, the
 * connection's page lists it, and the probe page says the log is subscribed.
 */
describe("the broker's words in the pages", () => {
  let broker: PrivateBroker;
  let app: RunningApp;
  let browser: Browser;
  const problems: PageProblems = { list: [] };
  const clients: ChannelModel[] = [];
  const acker = uniqueName('double-acker <img src=x onerror=alert(1)>');
  const victim = uniqueName('maintenance-victim');

  beforeAll(async () => {
    requireProductionBuild();
    broker = await startPrivateBroker({ config: { 'log.exchange': 'true', 'log.exchange.level': 'info' } });
    [app, browser] = await Promise.all([
      startApp({
        config: {
          probes: { largeMessage: { enabled: false } },
          targets: [{ id: 'private', name: 'Private node', amqpUrl: broker.amqpUrl, managementUrl: broker.managementUrl }],
        },
      }),
      launchBrowser(),
    ]);
    await waitFor('the log subscription', async () => (await app.state()).targets[0]?.probe?.brokerLog.state === 'subscribed', { timeoutMs: 40_000 });
    for (const name of [acker, victim]) {
      const model = await amqp.connect(broker.amqpUrl, { clientProperties: { connection_name: name } });
      model.on('error', () => {});
      clients.push(model);
    }
    await waitFor('both polled', async () => (await app.state()).targets[0]!.connections.filter((c) => c.name === acker || c.name === victim).length === 2, { timeoutMs: 20_000 });
    // A double ack: the broker closes channel 1 and the connection lives on.
    const ch = await clients[0]!.createChannel();
    ch.on('error', () => {});
    const { queue } = await ch.assertQueue('', { exclusive: true });
    ch.sendToQueue(queue, Buffer.from('x'));
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      ch.ack(msg);
      ch.ack(msg);
    });
    // An admin force-close with a reason.
    await clients[1]!.createChannel();
    const list = (await (await fetch(`${broker.managementUrl}/api/connections?columns=name,user_provided_name`, { headers: { authorization: GUEST } })).json()) as Array<{ name: string; user_provided_name?: string }>;
    const brokerName = list.find((c) => c.user_provided_name === victim)!.name;
    await fetch(`${broker.managementUrl}/api/connections/${encodeURIComponent(brokerName)}`, { method: 'DELETE', headers: { authorization: GUEST, 'x-reason': 'planned maintenance' } });
    await waitFor('both events', async () => (await app.events()).events.filter((e) => e.source === 'broker-log').length >= 2, { timeoutMs: 20_000 });
  }, 150_000);

  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
    await broker?.destroy();
  }, 60_000);

  it('the timeline shows the cause in the broker\'s words, verbatim and inert, and filters channel closes', async () => {
    const { context, page } = await openPage(browser, 'light', problems);
    try {
      await page.goto(`${app.url}/timeline`);
      await waitForLive(page);
      const forced = page.locator('[data-testid="timeline-event"][data-cause="forced"]').first();
      await forced.waitFor();
      await expect(forced.locator('[data-testid="event-source"]').innerText()).resolves.toMatch(/broker log/);
      await expect(forced.locator('[data-testid="event-broker-said"]').innerText()).resolves.toMatch(/connection_forced: "planned maintenance"/);
      await expect(forced.innerText()).resolves.toMatch(/certainty: certain/);

      const channel = page.locator('[data-testid="timeline-event"][data-event-kind="channel.closed"]').first();
      await expect(channel.locator('[data-testid="event-channel"]').innerText()).resolves.toMatch(/precondition_failed/);
      await expect(channel.locator('[data-testid="event-broker-said"]').innerText()).resolves.toMatch(/unknown delivery tag 1/);
      // The hostile name is text in the card, never an element.
      expect(await page.locator('.event-body img').count()).toBe(0);
      await screenshot(page, 'timeline-broker-log', 'light');

      await page.locator('[data-testid="kind-filter"]').selectOption('channels');
      await expect(page.locator('[data-testid="timeline-event"][data-cause="forced"]').count()).resolves.toBe(0);
      await expect(page.locator('[data-testid="timeline-event"][data-event-kind="channel.closed"]').count()).resolves.toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("the connection's page lists the channel the broker closed; the probe page says the log is subscribed", async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      const id = (await app.state()).targets[0]!.connections.find((c) => c.name === acker)!.id;
      await page.goto(`${app.url}/connections/private/${id}`);
      await waitForLive(page);
      const section = page.locator('[data-testid="channel-closes"]');
      await section.waitFor();
      await expect(section.innerText()).resolves.toMatch(/channels closed by the broker \(1\)/i);
      await screenshot(page, 'connection-channel-closes', 'dark');

      await page.goto(`${app.url}/probes/private`);
      await waitForLive(page);
      const log = page.locator('[data-testid="broker-log"]');
      await log.waitFor();
      await expect(log.getAttribute('data-state')).resolves.toBe('subscribed');
    } finally {
      await context.close();
    }
    expect(problems.list).toEqual([]);
  }, 60_000);
});
