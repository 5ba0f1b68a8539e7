/**
 * One loader process: holds a slice of the benchmark's AMQP connections
 * (about 1,000 at full size) so no single Node process carries all 5,000
 * sockets and their heartbeats. Driven over IPC by fleet.ts; exits when the
 * benchmark goes away (the IPC channel closes), whatever the reason.
 */
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import type { ConnectionPlan } from './plan';
import type { FromLoader, LoaderCounts, ToLoader } from './protocol';

interface Held {
  model: ChannelModel;
  channels: Channel[];
}

const held: Held[] = [];
const victims: ChannelModel[] = [];
let amqpUrl = '';
let lost = 0;
let consumers = 0;

const send = (m: FromLoader) => process.send?.(m);
process.on('disconnect', () => process.exit(0));

process.on('message', (m: ToLoader) => {
  handle(m).then(
    (detail) => send({ id: m.id, type: 'done', detail }),
    (err: Error) => send({ id: m.id, type: 'failed', message: err.message }),
  );
});

async function handle(m: ToLoader): Promise<LoaderCounts | null> {
  switch (m.type) {
    case 'start':
      amqpUrl = m.amqpUrl;
      await forEachLimited(m.connections, m.concurrency, open);
      return { connections: held.length, channels: held.reduce((n, h) => n + h.channels.length, 0), consumers, lost };
    case 'touch':
      await Promise.all(pick(held, m.count).map((h) => h.channels.at(-1)!.prefetch(1 + Math.floor(Math.random() * 999))));
      return null;
    case 'victims':
      await forEachLimited(m.names, 10, openVictim);
      return null;
  }
}

async function open(plan: ConnectionPlan): Promise<void> {
  const model = await connect(plan.name);
  model.on('close', () => lost++);
  const channels: Channel[] = [];
  for (let i = 0; i < plan.channels; i++) {
    const ch = await model.createChannel();
    ch.on('error', () => {});
    channels.push(ch);
  }
  const c = plan.consumer;
  if (c && channels[0]) {
    if (c.prefetch > 0) await channels[0].prefetch(c.prefetch);
    // Manual-ack consumers never ack: what they are given stays unacked.
    await channels[0].consume(c.queue, () => {}, { noAck: c.noAck });
    consumers++;
  }
  held.push({ model, channels });
  if (held.length % 100 === 0) send({ type: 'progress', opened: held.length });
}

async function openVictim(name: string): Promise<void> {
  const model = await connect(name);
  const ch = await model.createChannel();
  ch.on('error', () => {});
  await ch.prefetch(5);
  victims.push(model);
}

async function connect(name: string): Promise<ChannelModel> {
  const model = await amqp.connect(amqpUrl, { clientProperties: { connection_name: name } });
  // Force-closes and the broker going away at the end are expected here.
  model.on('error', () => {});
  return model;
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function pick<T>(items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}
