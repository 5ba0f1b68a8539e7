import { spawn, type ChildProcess } from 'node:child_process';
import type { Channel, ChannelModel } from 'amqplib';
import { ROOT } from '../support/app';
import { AMQP_URL, management, openConnection, uniqueName } from '../support/broker';

/**
 * A handful of ordinary applications on the real broker, so the dashboard has
 * something realistic to show: a publisher, a worker that keeps up, one with
 * unlimited prefetch that never acks, an auto-ack consumer, an idle
 * connection with heartbeats off, and one with two channels.
 */
export interface Scenery {
  names: string[];
  stop(): Promise<void>;
}

export async function startScenery(): Promise<Scenery> {
  const connections: ChannelModel[] = [];
  const queues: string[] = [];
  const timers: NodeJS.Timeout[] = [];
  // Acks are delayed like real work; none may run against a channel that stop() is closing.
  let stopped = false;
  const open = async (name: string, heartbeat: number) => {
    const c = await openConnection(name, { heartbeat });
    c.on('error', () => {});
    connections.push(c);
    return c;
  };
  const queue = async (ch: Channel, prefix: string) => {
    const q = uniqueName(prefix);
    await ch.assertQueue(q, { durable: false });
    queues.push(q);
    return q;
  };

  const stop = async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
    await Promise.all(queues.map((q) => management(`/api/queues/%2F/${encodeURIComponent(q)}`, { method: 'DELETE' }).catch(() => {})));
  };

  try {
    const api = await (await open('orders-api', 60)).createConfirmChannel();
    const orders = await queue(api, 'e2e-orders');
    timers.push(setInterval(() => api.sendToQueue(orders, Buffer.from(JSON.stringify({ order: Date.now() }))), 400));

    const worker = await (await open('orders-worker', 30)).createChannel();
    await worker.prefetch(20);
    await worker.consume(orders, (m) => m && setTimeout(() => !stopped && worker.ack(m), 300), { noAck: false });

    const billing = await (await open('billing-consumer', 15)).createChannel();
    const invoices = await queue(billing, 'e2e-invoices');
    for (let i = 0; i < 40; i++) billing.sendToQueue(invoices, Buffer.from(`invoice ${i}`));
    await billing.consume(invoices, () => {}, { noAck: false }); // prefetch 0, never acks (failures F2 and F3)

    const email = await (await open('email-sender', 60)).createChannel();
    const mails = await queue(email, 'e2e-mails');
    await email.consume(mails, () => {}, { noAck: true });

    await (await open('inventory-sync', 0)).createChannel();

    const analytics = await open('analytics-ingest', 20);
    const events = await queue(await analytics.createChannel(), 'e2e-analytics');
    for (let i = 0; i < 2; i++) {
      const ch = await analytics.createChannel();
      await ch.prefetch(50);
      await ch.consume(events, (m) => m && !stopped && ch.ack(m), { noAck: false });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { names: ['orders-api', 'orders-worker', 'billing-consumer', 'email-sender', 'inventory-sync', 'analytics-ingest'], stop };
}

/**
 * A consumer whose handler blocks its event loop (failure F1), in a process
 * of its own so the test's loop keeps running: it goes silent, the broker
 * drops it for missed heartbeats, and the timeline explains the close.
 */
export function startBlockedConsumer(name: string, heartbeatSec: number, queue: string): ChildProcess {
  const code = `
    import amqp from 'amqplib';
    const [url, name, heartbeat, queue] = process.argv.slice(1);
    const u = new URL(url); u.searchParams.set('heartbeat', heartbeat);
    const c = await amqp.connect(u.toString(), { clientProperties: { connection_name: name } });
    c.on('error', () => {});
    const ch = await c.createChannel();
    await ch.prefetch(1);
    await ch.assertQueue(queue, { durable: false, autoDelete: true });
    await ch.consume(queue, () => {
      setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000), 2_000);
    }, { noAck: false });
    ch.sendToQueue(queue, Buffer.from('build the monthly report'));
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', code, AMQP_URL, name, String(heartbeatSec), queue], { cwd: ROOT, stdio: 'ignore' });
}
