import type { Channel, ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, ChannelHealth } from '../../server/contract';
import { timeoutRulesOf } from '../../server/shared/consumer-timeout-versions';
import { startApp, type RunningApp } from '../support/app';
import { management, openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';

/**
 * The consumer timeout countdown against the machine's broker: a real amqplib
 * consumer that never acks, on a queue declared with `x-consumer-timeout`.
 * The app must show the countdown's start and the timeout that applies, and
 * raise consumer-timeout-risk (its fraction lowered so it fires within
 * seconds); acking ends both. The broker's own timeout is not waited for.
 */
const BROKER_WIDE_MS = 60_000;
const QUEUE_ARGUMENT_MS = 20_000;

describe('consumer timeout countdown against a consumer that never acks', () => {
  let app: RunningApp;
  let conn: ChannelModel | undefined;
  let ch: Channel;
  const name = uniqueName('ct-never-acks');
  const queue = uniqueName('ct-jobs');

  beforeAll(async () => {
    app = await startApp({
      config: {
        poll: { intervalMs: 1000 },
        probes: { largeMessage: { enabled: false } },
        alerts: {
          consumerTimeoutMs: BROKER_WIDE_MS,
          rules: { 'consumer-timeout-risk': { params: { fraction: 0.1 }, resolveAfterMs: 1000 } },
        },
        targets: [{ id: 'local', name: 'Local' }],
      },
    });
  });

  afterAll(async () => {
    await conn?.close().catch(() => undefined);
    await management(`/api/queues/%2F/${encodeURIComponent(queue)}`, { method: 'DELETE' }).catch(() => undefined);
    await app?.stop();
  });

  const channelOf = async (): Promise<ChannelHealth | undefined> => {
    const state = await app.state();
    return state.targets[0]?.connections.find((c) => c.providedName === name)?.channels.find((c) => c.number === 1);
  };
  const alerts = async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;

  it('shows since when the deliveries are held and which timeout applies, warns, and clears once they are acked', async () => {
    conn = await openConnection(name);
    ch = await conn.createChannel();
    await ch.assertQueue(queue, { durable: false, arguments: { 'x-consumer-timeout': QUEUE_ARGUMENT_MS } });
    await ch.prefetch(5);
    for (let i = 0; i < 3; i++) ch.sendToQueue(queue, Buffer.from(`job ${i}`));
    const held: Array<{ ack: () => void }> = [];
    await ch.consume(queue, (m) => m && held.push({ ack: () => ch.ack(m) }), { noAck: false });
    const startedAt = Date.now();

    // What the broker honours depends on its version: before 3.11.15 the argument is accepted but ignored
    // (measured on 3.10.8, see server/shared/consumer-timeout-versions.ts), so the broker-wide value applies.
    const version = (await management<{ rabbitmq_version: string }>('/api/overview')).rabbitmq_version;
    const expected =
      timeoutRulesOf(version) === 'broker-wide'
        ? { consumerTimeoutMs: BROKER_WIDE_MS, consumerTimeoutSource: 'config' }
        : { consumerTimeoutMs: QUEUE_ARGUMENT_MS, consumerTimeoutSource: 'queue-argument' };

    const channel = await waitFor('the channel holding 3 unacked, with a countdown', async () => {
      const c = await channelOf();
      return c && c.unacked === 3 && c.unackedSince !== null ? c : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(held).toHaveLength(3);
    expect({ consumerTimeoutMs: channel.consumerTimeoutMs, consumerTimeoutSource: channel.consumerTimeoutSource }).toEqual(expected);
    // A lower bound: never before the deliveries were made (give or take the poll's start), never in the future.
    expect(channel.unackedSince!).toBeGreaterThanOrEqual(startedAt - 2000);
    expect(channel.unackedSince!).toBeLessThanOrEqual(Date.now());

    const alert = await waitFor('consumer-timeout-risk firing', async () => (await alerts()).find((a) => a.rule === 'consumer-timeout-risk' && a.state === 'firing' && a.object.label === `${name} (channel 1)`), {
      timeoutMs: 40_000,
      intervalMs: 250,
    });
    expect(alert.object.kind).toBe('channel');
    const timeoutText = expected.consumerTimeoutSource === 'config' ? '1 min \\(broker-wide\\)' : '20 s \\(queue argument\\)';
    expect(alert.value).toMatch(new RegExp(`^oldest unacked ≥ \\d+ s of ${timeoutText} on channel 1, queue ${queue}(; estimate began at first sight)?; client amqplib `));

    for (const m of held) m.ack();
    const cleared = await waitFor('the countdown to clear once acked', async () => {
      const c = await channelOf();
      return c && c.unacked === 0 ? c : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(cleared.unackedSince).toBeNull();
    const resolved = await waitFor('consumer-timeout-risk to resolve', async () => (await alerts()).find((a) => a.id === alert.id && a.state === 'resolved'), { timeoutMs: 20_000, intervalMs: 250 });
    expect(resolved.resolvedAt).not.toBeNull();
  }, 120_000);
});
