import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amqp, { type ChannelModel } from 'amqplib';
import type { PulseEvent } from '../../server/contract';
import { ROOT, startApp, type RunningApp } from '../support/app';
import { uniqueName } from '../support/broker';
import { waitForStreamedEvent } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { startPrivateBroker, type PrivateBroker } from '../support/private-broker';
import { sleep, waitFor } from '../support/wait';

/**
 * The broker's own words, live: a private node with the log exchange on
 * (`log.exchange = true`, level info) and a 10 s consumer timeout, real
 * amqplib clients failing in six real ways. Each close must reach a browser
 * with the exact cause, `certainty: certain`, `source: broker-log` and the
 * broker's text, within a second of the broker's own event.
 */
describe('closes and channel errors in the broker\'s own words (log exchange on)', () => {
  let broker: PrivateBroker;
  let app: RunningApp;
  let live: LiveClient;
  const clients: ChannelModel[] = [];

  const GUEST = 'Basic ' + Buffer.from('guest:guest').toString('base64');
  const connect = async (name: string, heartbeat?: number) => {
    const url = new URL(broker.amqpUrl);
    if (heartbeat !== undefined) url.searchParams.set('heartbeat', String(heartbeat));
    const model = await amqp.connect(url.toString(), { clientProperties: { connection_name: name } });
    model.on('error', () => {});
    clients.push(model);
    return model;
  };
  const brokerNameOf = async (providedName: string) =>
    waitFor(`the broker to list ${providedName}`, async () => {
      const res = await fetch(`${broker.managementUrl}/api/connections?columns=name,user_provided_name`, { headers: { authorization: GUEST } });
      const list = (await res.json()) as Array<{ name: string; user_provided_name?: string }>;
      return list.find((c) => c.user_provided_name === providedName)?.name;
    });
  /** Until a poll lists it (with its unacked), so the event can say what it held. */
  const polled = (providedName: string, unacked = 0) =>
    live.waitForView(`${providedName} polled`, (v) => v.targets[0]?.connections.find((c) => c.providedName === providedName && c.unacked >= unacked), 20_000);
  const closeOf = (providedName: string) => (e: PulseEvent) => e.kind === 'connection.closed' && e.connection === providedName;

  /**
   * The consumer-timeout case starts first (beforeAll) and is checked later: the broker looks for
   * overdue acks once a minute, and the other cases run meanwhile instead of after it.
   */
  let slowAck: { name: string; queue: string; channelClosed: Promise<number> } | undefined;
  const startSlowAck = async () => {
    const name = uniqueName('slow-ack');
    const model = await connect(name);
    const ch = await model.createChannel();
    const channelClosed = new Promise<number>((resolve) => ch.on('error', () => resolve(Date.now())));
    const { queue } = await ch.assertQueue('', { exclusive: true });
    await ch.prefetch(1);
    await ch.consume(queue, () => {}, { noAck: false }); // takes it, never acks
    ch.sendToQueue(queue, Buffer.from('never acked'));
    await polled(name, 1);
    return { name, queue, channelClosed };
  };

  /** The event as it stands now in the view: a close may have been refined after it was first streamed. */
  const current = (id: string) => live.view()!.events.find((e) => e.id === id)!;

  beforeAll(async () => {
    broker = await startPrivateBroker({ config: { 'log.exchange': 'true', 'log.exchange.level': 'info', consumer_timeout: '10000' } });
    app = await startApp({
      config: {
        probes: { heartbeatSec: 5, reconnectBaseMs: 250, reconnectMaxMs: 1000, largeMessage: { enabled: false } },
        targets: [{ id: 'private', name: 'Private node', amqpUrl: broker.amqpUrl, managementUrl: broker.managementUrl }],
      },
    });
    live = await connectLiveClient(app.url);
    await live.waitForView('the broker-log subscription', (v) => v.targets[0]?.probe?.brokerLog.state === 'subscribed', 30_000);
    slowAck = await startSlowAck();
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    live?.close();
    await app?.stop();
    await broker?.destroy();
  }, 60_000);

  it('missed heartbeats: a client that blocks its I/O loop', async () => {
    const name = uniqueName('blocked');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/blocking-client.ts', name, '2', '30'], {
      cwd: ROOT,
      env: { ...process.env, RABBITMQ_URL: broker.amqpUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await polled(name);
      const { event, receivedAt } = await waitForStreamedEvent(live, 'the heartbeat close', closeOf(name), 30_000);
      expect(receivedAt - event.at).toBeLessThan(1_000);
      const e = current(event.id);
      expect(e).toMatchObject({ cause: 'missed-heartbeats', certainty: 'certain', source: 'broker-log', detail: 'missed heartbeats from client, timeout: 2s' });
      expect(e.brokerLog!.text).toMatch(/missed heartbeats from client, timeout: 2s/);
      expect(e.brokerLog!.text).toContain(name);
    } finally {
      child.kill('SIGKILL');
    }
  }, 45_000);

  it('a killed client process: the broker says it closed TCP unexpectedly', async () => {
    const name = uniqueName('killed');
    const child = spawn(
      process.execPath,
      ['-e', `const a=require('amqplib');a.connect(${JSON.stringify(broker.amqpUrl)},{clientProperties:{connection_name:${JSON.stringify(name)}}}).then(c=>c.createChannel()).then(()=>console.log('up'))`],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await polled(name);
    child.kill('SIGKILL');
    const { event, receivedAt } = await waitForStreamedEvent(live, 'the killed client\'s close', closeOf(name));
    expect(receivedAt - event.at).toBeLessThan(1_000);
    const e = current(event.id);
    expect(e).toMatchObject({ cause: 'abrupt', certainty: 'certain', source: 'broker-log' });
    expect(e.brokerLog!.text).toMatch(/client unexpectedly closed TCP connection/);
  }, 30_000);

  it('an admin force-close through the management API, with its X-Reason', async () => {
    const name = uniqueName('forced');
    const model = await connect(name);
    await model.createChannel();
    await polled(name);
    const res = await fetch(`${broker.managementUrl}/api/connections/${encodeURIComponent(await brokerNameOf(name))}`, {
      method: 'DELETE',
      headers: { authorization: GUEST, 'x-reason': 'planned maintenance' },
    });
    expect(res.status).toBe(204);
    const { event, receivedAt } = await waitForStreamedEvent(live, 'the force-close', closeOf(name));
    expect(receivedAt - event.at).toBeLessThan(1_000);
    const e = current(event.id);
    expect(e).toMatchObject({ cause: 'forced', certainty: 'certain', source: 'broker-log', detail: 'planned maintenance', code: 320 });
    expect(e.brokerLog!.text).toMatch(/connection_forced.*planned maintenance/s);
  }, 30_000);

  it('a double ack: the broker closes the channel, the connection lives on', async () => {
    const name = uniqueName('double-ack');
    const model = await connect(name);
    const ch = await model.createChannel();
    const channelClosed = new Promise<number>((resolve) => ch.on('error', () => resolve(Date.now())));
    const { queue } = await ch.assertQueue('', { exclusive: true });
    ch.sendToQueue(queue, Buffer.from('x'));
    await polled(name);
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      ch.ack(msg);
      ch.ack(msg);
    });
    const clientSawAt = await channelClosed;
    const { event, receivedAt } = await waitForStreamedEvent(live, 'the channel close', (e) => e.kind === 'channel.closed' && e.connection === name);
    expect(receivedAt - clientSawAt).toBeLessThan(1_000);
    expect(event).toMatchObject({ cause: 'channel-error', certainty: 'certain', source: 'broker-log', code: 406, channel: { number: 1, exception: 'precondition_failed', reason: 'unknown delivery tag 1' } });
    expect(event.brokerLog!.text).toMatch(/operation basic\.ack caused a channel exception precondition_failed: unknown delivery tag 1/);
    // Still open: the channel went, the connection did not.
    expect(live.view()!.events.some(closeOf(name))).toBe(false);
  }, 30_000);

  it('a consumer timeout: a delivery unacked past 10 s closes its channel, named and alerted', async () => {
    const { name, queue, channelClosed } = slowAck!;
    // The broker checks once a minute: up to ~70 s with a 10 s timeout, most of it spent while the tests above ran.
    const clientSawAt = await channelClosed;
    const { event, receivedAt } = await waitForStreamedEvent(live, 'the consumer timeout', (e) => e.kind === 'channel.closed' && e.connection === name, 5_000);
    expect(receivedAt - clientSawAt).toBeLessThan(1_000);
    expect(event).toMatchObject({ cause: 'consumer-timeout', certainty: 'certain', source: 'broker-log', channel: { number: 1, timeoutMs: 10_000, unackedReturned: 1, queue } });
    expect(event.brokerLog!.text).toMatch(/delivery acknowledgement on channel 1 timed out/);
    const alert = await live.waitForView('the consumer-timeout alert', (v) => v.alerts?.find((a) => a.rule === 'consumer-timeout' && a.state === 'firing'), 10_000);
    expect(alert.object.label).toBe(name);
    expect(alert.evidence).toMatchObject({ certainty: 'certain' });
    expect(alert.evidence!.brokerSaid).toMatch(/timed out/);
  }, 100_000);

  it('a broker shutdown: the closes say so, and the subscription comes back with the node', async () => {
    const name = uniqueName('at-shutdown');
    const model = await connect(name);
    await model.createChannel();
    await polled(name);
    const stopAt = Date.now();
    await broker.stop();
    await broker.start();
    const { event } = await waitForStreamedEvent(live, 'the close at shutdown', closeOf(name), 60_000);
    expect(event.at).toBeGreaterThanOrEqual(stopAt);
    const e = current(event.id);
    // The log exchange goes down with the node; the broker's words come from its close of rabbitpulse's own connection.
    expect(e).toMatchObject({ cause: 'shutdown', certainty: 'certain', code: 320 });
    expect(e.detail).toMatch(/reason 'shutdown'/);
    await live.waitForView('the log subscription back', (v) => v.targets[0]?.probe?.brokerLog.state === 'subscribed', 60_000);
  }, 150_000);
});

describe('without the log exchange (the machine\'s broker)', () => {
  let app: RunningApp;
  let live: LiveClient;

  beforeAll(async () => {
    app = await startApp();
    live = await connectLiveClient(app.url);
    await live.waitForView('the broker-log state', (v) => v.targets[0]?.probe?.brokerLog.state === 'not-enabled', 30_000);
  }, 60_000);

  afterAll(async () => {
    live?.close();
    await app?.stop();
  });

  it('says the log exchange is off, with the two config lines and that a restart applies them', async () => {
    const status = live.view()!.targets[0]!.probe!.brokerLog;
    expect(status.message).toContain('log.exchange = true');
    expect(status.message).toContain('log.exchange.level = info');
    expect(status.message).toMatch(/restart the broker/);
  });

  it('a force-close keeps an inferred cause, labelled as inference', async () => {
    const name = uniqueName('inferred');
    const model = await amqp.connect('amqp://guest:guest@127.0.0.1:5672', { clientProperties: { connection_name: name } });
    model.on('error', () => {});
    await model.createChannel();
    await live.waitForView(`${name} polled`, (v) => v.targets[0]?.connections.find((c) => c.providedName === name), 20_000);
    const list = (await (await fetch('http://127.0.0.1:15672/api/connections?columns=name,user_provided_name', { headers: { authorization: 'Basic ' + Buffer.from('guest:guest').toString('base64') } })).json()) as Array<{ name: string; user_provided_name?: string }>;
    const brokerName = list.find((c) => c.user_provided_name === name)!.name;
    await fetch(`http://127.0.0.1:15672/api/connections/${encodeURIComponent(brokerName)}`, { method: 'DELETE', headers: { authorization: 'Basic ' + Buffer.from('guest:guest').toString('base64'), 'x-reason': 'test' } });
    const { event } = await waitForStreamedEvent(live, 'the close', (e) => e.kind === 'connection.closed' && e.connection === name);
    await sleep(500); // no late refinement may come: there is no log
    const e = live.view()!.events.find((x) => x.id === event.id)!;
    expect(e.source).toBe('event-exchange');
    expect(e.certainty).not.toBe('certain');
    expect(e.brokerLog).toBeUndefined();
  });
});
