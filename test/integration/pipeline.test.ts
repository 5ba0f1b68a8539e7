import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelModel } from 'amqplib';
import type { ConnectionHealth } from '../../server/contract';
import { ROOT, startApp, type RunningApp } from '../support/app';
import { openConnection, uniqueName } from '../support/broker';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { sleep, waitFor } from '../support/wait';
import { waitForStreamedEvent } from '../support/events';

/**
 * The live pipeline end to end against the machine's real RabbitMQ: real
 * amqplib clients, the real app process, read through a real socket.io
 * client (with the browser's applyDelta) and the real HTTP API.
 */
describe('live pipeline against the real broker', () => {
  let app: RunningApp;
  let live: LiveClient;

  beforeAll(async () => {
    app = await startApp();
    live = await connectLiveClient(app.url);
    // Close order is only known for connections opened after the subscription starts.
    await live.waitForView('the event-exchange subscription', (v) => v.targets[0]?.probe?.eventExchange.state === 'subscribed');
  });

  afterAll(async () => {
    live?.close();
    await app?.stop();
  });

  const findInState = async (name: string) => (await app.state()).targets[0]!.connections.find((c) => c.name === name);
  const findLive = (name: string) => live.view()?.targets[0]?.connections.find((c) => c.name === name);

  it('shows a named connection with its heartbeat, prefetch and unacked, then its close', async () => {
    const name = uniqueName('probe-me');
    const queue = uniqueName('rp-test-q');
    let conn: ChannelModel | undefined = await openConnection(name, { heartbeat: 7 });
    try {
      const ch = await conn.createChannel();
      await ch.prefetch(3);
      await ch.assertQueue(queue, { durable: false, autoDelete: false });
      for (let i = 0; i < 5; i++) ch.sendToQueue(queue, Buffer.from(`m${i}`));
      await ch.consume(queue, () => {}, { noAck: false }); // never acks

      // The broker refreshes channel stats every 5 s; allow a little more than one stats interval.
      const seen = await waitFor(
        'probe-me with 3 unacked in /api/v1/state',
        async () => {
          const c = await findInState(name);
          // Connection, channel and queue stats arrive on their own timers: wait for all of them.
          // The connection's state and send_pend come with its detailed stats, which can
          // trail the coarse counters (recv_oct, behind silenceSec) by a stats interval.
          return c && c.unacked === 3 && c.channels[0]?.consumers.length === 1 && c.silenceSec !== null && c.state !== 'unknown'
            ? c
            : undefined;
        },
        { timeoutMs: 15_000 },
      );
      expect(seen.heartbeatTimeoutSec).toBe(7);
      expect(seen.client).toMatch(/^amqplib \d+\.\d+\.\d+$/);
      expect(seen.user).toBe('guest');
      expect(seen.vhost).toBe('/');
      expect(seen.state).toBe('running');
      expect(seen.sendPend).toBe(0);
      expect(seen.channels).toHaveLength(1);
      expect(seen.channels[0]!.prefetch).toBe(3);
      expect(seen.channels[0]!.unacked).toBe(3);
      expect(seen.channels[0]!.consumers[0]).toMatchObject({ queue, ackRequired: true, prefetch: 3 });
      expect(seen.silenceSec).not.toBeNull();
      expect(seen.heartbeatMarginSec).toBeCloseTo(7 - seen.silenceSec!, 5);

      // Queue stats are emitted on their own 5 s timer, not in step with the channel's.
      const q = await waitFor('the queue with 3 unacked', async () => {
        const found = (await app.state()).targets[0]!.queues.find((x) => x.name === queue);
        return found && found.unacked === 3 ? found : undefined;
      });
      expect(q).toMatchObject({ vhost: '/', ready: 2, unacked: 3, consumers: 1, durable: false });

      // The socket.io stream shows the same connection.
      const streamed = await live.waitForView('probe-me on the socket', () => {
        const c = findLive(name);
        return c && c.unacked === 3 ? c : undefined;
      });
      expect(streamed.heartbeatTimeoutSec).toBe(7);
      expect(streamed.channels[0]!.prefetch).toBe(3);

      await ch.deleteQueue(queue);
      await conn.close();
      conn = undefined;
      const closedAt = Date.now();
      const event = await waitFor('a closed event for probe-me', async () => (await app.events()).events.find((e) => e.connection === name), {
        timeoutMs: 8_000,
      });
      // One poll interval (1 s in tests) plus the broker's own bookkeeping.
      expect(event.at - closedAt).toBeLessThan(3_000);
      expect(event).toMatchObject({ targetId: 'local', kind: 'connection.closed' });
      expect(event.lastKnown).toMatchObject({ name, heartbeatTimeoutSec: 7, unacked: 3 });
      // The event exchange saw its channel close before the connection: an orderly close, reported at once.
      expect(event.source).toBe('event-exchange');
      expect(event.cause).toBe('clean');
      expect(event.at - closedAt).toBeLessThan(1_000);
      // One close is one event, whichever source saw it first: the next polls must not add another.
      await sleep(2_500);
      expect((await app.events()).events.filter((e) => e.connection === name)).toHaveLength(1);
      await live.waitForView('the close on the socket', (v) => v.events.some((e) => e.connection === name));
      expect(findLive(name)).toBeUndefined();
      expect(live.gaps).toEqual([]);
    } finally {
      await conn?.close().catch(() => {});
    }
  });

  it('shows silence growing on a client that blocks its event loop, then a heartbeat-suspected close', async () => {
    const name = uniqueName('blocked');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/blocking-client.ts', name, '5', '40'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor('the blocking client to start blocking', () => out.includes('blocking'), { timeoutMs: 15_000 });
      const silences: number[] = [];
      let last: ConnectionHealth | undefined;
      await waitFor(
        'the broker to drop the blocked connection',
        async () => {
          const c = await findInState(name);
          if (c) {
            last = c;
            if (c.silenceSec !== null) silences.push(c.silenceSec);
            return undefined;
          }
          return last !== undefined;
        },
        { timeoutMs: 40_000, intervalMs: 500 },
      );
      // Silence visibly grew while it was blocked, and passed half the 5 s timeout.
      expect(Math.max(...silences)).toBeGreaterThanOrEqual(2.5);
      expect(silences.at(-1)!).toBeGreaterThan(silences[0]!);
      expect(last!.heartbeatTimeoutSec).toBe(5);

      const { event, receivedAt } = await waitForStreamedEvent(live, 'the close event on the socket', (e) => e.connection === name, 5_000);
      expect(event.cause).toBe('heartbeat-suspected');
      // With a 5 s timeout the broker's counters lag by about as long as the client was silent, so
      // the silence seen at the last poll may fall short of the timeout: 'possible' then.
      expect(['likely', 'possible']).toContain(event.certainty);
      expect(event.source).toBe('event-exchange');
      expect(receivedAt - event.at).toBeLessThan(1_000);
      expect(event.lastKnown).toMatchObject({ name, heartbeatTimeoutSec: 5, client: expect.stringMatching(/^amqplib /) });
      expect(event.explanation).toMatch(/5 s heartbeat timeout/);
      expect(event.explanation).toMatch(/do not just raise or disable heartbeats/);
      expect(event.explanation).toContain(name);
      expect(event.explanation).toMatch(/blocks the client's I\/O loop/);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
