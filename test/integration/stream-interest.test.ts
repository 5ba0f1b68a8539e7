import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelModel } from 'amqplib';
import type { QueueHealth } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { management, openConnection, uniqueName } from '../support/broker';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { waitFor } from '../support/wait';

/**
 * Queue rows go only to sockets whose page shows them (StreamInterest), read
 * through real socket.io clients against the real broker: one that says
 * nothing (gets everything), one that asks for no queue rows and later
 * changes its mind, and back.
 */
describe('stream interest: queue rows only where a page shows them', () => {
  let app: RunningApp;
  let all: LiveClient;
  let lean: LiveClient;
  let conn: ChannelModel;
  const queue = uniqueName('rp-interest-q');

  beforeAll(async () => {
    app = await startApp();
    all = await connectLiveClient(app.url);
    lean = await connectLiveClient(app.url, { interest: { queues: false } });
    conn = await openConnection(uniqueName('interest-publisher'));
  });

  afterAll(async () => {
    all?.close();
    lean?.close();
    await management(`/api/queues/%2F/${encodeURIComponent(queue)}`, { method: 'DELETE' }).catch(() => {});
    await conn?.close().catch(() => {});
    await app?.stop();
  });

  const queueIn = (client: LiveClient) => client.view()?.targets[0]?.queues.find((q) => q.name === queue);
  const publish = async (count: number) => {
    const ch = await conn.createChannel();
    await ch.assertQueue(queue, { durable: false });
    for (let i = 0; i < count; i++) ch.sendToQueue(queue, Buffer.from(`m${i}`));
    await ch.close();
  };
  const readyIn = (client: LiveClient, ready: number, description: string) =>
    client.waitForView(description, () => (queueIn(client)?.ready === ready ? queueIn(client) : undefined), 20_000);
  /** Both clients at the same delta, so their views must agree. */
  const inStep = () => waitFor('both clients at the same seq', () => all.view()!.seq === lean.view()!.seq, { timeoutMs: 10_000, intervalMs: 20 });
  const byId = (qs: readonly QueueHealth[]) => [...qs].sort((a, b) => a.id.localeCompare(b.id));

  it('leaves queue rows out of the snapshot and the deltas of a socket that does not want them', async () => {
    expect(lean.view()!.interest).toEqual({ queues: false });
    expect(all.view()!.interest).toEqual({ queues: true });
    expect(lean.view()!.targets[0]!.queues).toEqual([]);
    const leanDeltasBefore = lean.deltas.length;

    await publish(2);
    await readyIn(all, 2, `${queue} with 2 ready on the client that wants everything`);
    await inStep();
    expect(queueIn(lean)).toBeUndefined();
    expect(lean.view()!.targets[0]!.queues).toEqual([]);
    // It still got every delta (the connections, summary and sample), only without queue changes.
    const leanDeltas = lean.deltas.slice(leanDeltasBefore);
    expect(leanDeltas.length).toBeGreaterThan(0);
    expect(leanDeltas.every((d) => d.targets.every((t) => t.upsertQueues.length === 0 && t.removeQueues.length === 0))).toBe(true);
    expect(all.deltas.some((d) => d.targets.some((t) => t.upsertQueues.some((q) => q.name === queue)))).toBe(true);
    expect(lean.view()!.targets[0]!.totals?.queues).toBe(all.view()!.targets[0]!.totals?.queues);
    expect(lean.gaps).toEqual([]);
  });

  it('sends the rows when the page starts showing them, then their changes, in step with the others', async () => {
    lean.socket.emit('interest', { queues: true });
    await waitFor('the queue rows', () => lean.queueParts.length === 1, { timeoutMs: 5_000, intervalMs: 20 });
    expect(lean.view()!.interest).toEqual({ queues: true });
    expect(queueIn(lean)?.ready).toBe(2);
    await inStep();
    expect(byId(lean.view()!.targets[0]!.queues)).toEqual(byId(all.view()!.targets[0]!.queues));

    await publish(3);
    await readyIn(lean, 5, `${queue} with 5 ready through deltas`);
    await readyIn(all, 5, `${queue} with 5 ready on the other client`);
    await inStep();
    expect(byId(lean.view()!.targets[0]!.queues)).toEqual(byId(all.view()!.targets[0]!.queues));
    expect(lean.gaps).toEqual([]);
  });

  it('stops sending them when the page no longer shows them, and a snapshot says so', async () => {
    lean.socket.emit('interest', { queues: false });
    const from = lean.deltas.length;
    await publish(1);
    await readyIn(all, 6, `${queue} with 6 ready on the client that wants everything`);
    await inStep();
    expect(lean.deltas.slice(from).some((d) => d.targets.some((t) => t.upsertQueues.length > 0))).toBe(false);

    const before = lean.snapshots;
    lean.socket.emit('snapshot:request', { reason: 'test' });
    await waitFor('a fresh snapshot', () => lean.snapshots === before + 1, { timeoutMs: 5_000, intervalMs: 20 });
    expect(lean.view()!.interest).toEqual({ queues: false });
    expect(lean.view()!.targets[0]!.queues).toEqual([]);
    expect(lean.queueParts).toHaveLength(1); // dropping queues is not answered with rows
  });
});
