import { existsSync, readFileSync } from 'node:fs';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../support/broker';
import { startPrivateBroker, type PrivateBroker } from '../support/private-broker';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { sleep, waitFor } from '../support/wait';

/**
 * Proves the fault-injection helpers do what later tests will rely on, and
 * pins down exactly what amqplib 2.3.1 reports for each fault: these texts
 * are what a reset classifier has to recognise.
 */

const HEARTBEAT_S = 2;
// Either side gives up after two silent checks, one interval apart: 2–3 intervals after the
// last byte, and the peer's heartbeats put the last byte at most half an interval before the freeze.
const GIVE_UP_WINDOW_MS = [1.5 * HEARTBEAT_S * 1000, 3.5 * HEARTBEAT_S * 1000] as const;
const BROKER_LOG = '/var/log/rabbitmq/rabbit@localhost.log';

interface Seen {
  event: 'error' | 'close';
  message: string | undefined;
  code: string | number | undefined;
  atMs: number;
}

/** Every 'error' and 'close' the connection emits, with its time since `since`. */
function recordCloses(conn: ChannelModel, since = Date.now()): Seen[] {
  const seen: Seen[] = [];
  for (const event of ['error', 'close'] as const) {
    conn.on(event, (err?: Error & { code?: string | number }) => {
      seen.push({ event, message: err?.message, code: err?.code, atMs: Date.now() - since });
    });
  }
  return seen;
}

const withoutTimes = (seen: Seen[]) => seen.map(({ atMs: _, ...rest }) => rest);

async function roundTrip(ch: Channel): Promise<string | undefined> {
  const { queue } = await ch.assertQueue('', { exclusive: true });
  const body = uniqueName('ping');
  ch.sendToQueue(queue, Buffer.from(body));
  const got = await waitFor('the message back', () => ch.get(queue, { noAck: true }), { timeoutMs: 5_000, intervalMs: 50 });
  return got.content.toString();
}

describe('tcp proxy in front of the machine broker', () => {
  let proxy: TcpProxy;
  const opened: ChannelModel[] = [];

  const connectThroughProxy = async (name: string) => {
    const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${proxy.port}?heartbeat=${HEARTBEAT_S}`, {
      clientProperties: { connection_name: name },
    });
    opened.push(conn);
    return conn;
  };

  beforeAll(async () => {
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: 5672 });
  });

  afterEach(async () => {
    proxy.thaw();
    await Promise.all(opened.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('carries an AMQP connection, heartbeats included, both ways', async () => {
    const conn = await connectThroughProxy(uniqueName('fi-pass'));
    const seen = recordCloses(conn);
    expect(await roundTrip(await conn.createChannel())).toMatch(/^ping-/);
    expect(proxy.connectionCount).toBe(1);
    // Longer than either side's give-up window: only heartbeats crossing the proxy keep it open.
    await sleep(GIVE_UP_WINDOW_MS[1]);
    expect(seen).toEqual([]);
    expect(await roundTrip(await conn.createChannel())).toMatch(/^ping-/);
  }, 20_000);

  it("freeze('both') holds bytes without closing anything; thaw() delivers them and the connection lives on", async () => {
    const conn = await connectThroughProxy(uniqueName('fi-both'));
    const seen = recordCloses(conn);
    const ch = await conn.createChannel();
    const { queue } = await ch.assertQueue('', { exclusive: true });

    proxy.freeze('both');
    let answered = false;
    const reply = ch.checkQueue(queue).then((ok) => {
      answered = true;
      return ok;
    });
    await sleep(1_000); // well inside both sides' give-up window
    expect(answered).toBe(false);
    proxy.thaw();

    expect(await reply).toMatchObject({ queue });
    expect(await roundTrip(ch)).toMatch(/^ping-/);
    expect(seen).toEqual([]);
  }, 10_000);

  it("freeze('server-to-client'): the client gives up with 'Heartbeat timeout'", async () => {
    const conn = await connectThroughProxy(uniqueName('fi-s2c'));
    const frozenAt = Date.now();
    const seen = recordCloses(conn, frozenAt);
    proxy.freeze('server-to-client');

    await waitFor('a close', () => seen.some((s) => s.event === 'close'), { timeoutMs: 10_000, intervalMs: 50 });
    // amqplib emits the same Error twice: 'error', then 'close'; no code.
    expect(withoutTimes(seen)).toEqual([
      { event: 'error', message: 'Heartbeat timeout', code: undefined },
      { event: 'close', message: 'Heartbeat timeout', code: undefined },
    ]);
    expect(seen[0]!.atMs).toBeGreaterThanOrEqual(GIVE_UP_WINDOW_MS[0]);
    expect(seen[0]!.atMs).toBeLessThanOrEqual(GIVE_UP_WINDOW_MS[1]);
  }, 20_000);

  it("freeze('client-to-server'): the broker drops the client for missed heartbeats, the client sees ECONNRESET", async () => {
    const name = uniqueName('fi-c2s');
    const conn = await connectThroughProxy(name);
    const frozenAt = Date.now();
    const seen = recordCloses(conn, frozenAt);
    proxy.freeze('client-to-server');

    await waitFor('a close', () => seen.some((s) => s.event === 'close'), { timeoutMs: 10_000, intervalMs: 50 });
    // RabbitMQ aborts the socket (RST, no close frame); the proxy passes the reset on.
    expect(withoutTimes(seen)).toEqual([
      { event: 'error', message: 'read ECONNRESET', code: 'ECONNRESET' },
      { event: 'close', message: 'read ECONNRESET', code: 'ECONNRESET' },
    ]);
    expect(seen[0]!.atMs).toBeGreaterThanOrEqual(GIVE_UP_WINDOW_MS[0]);
    expect(seen[0]!.atMs).toBeLessThanOrEqual(GIVE_UP_WINDOW_MS[1]);
    // The broker's reason is only in its log.
    const reason = new RegExp(`closing AMQP connection [^\\n]*- ${name}\\):\\n[^\\n]*missed heartbeats from client, timeout: ${HEARTBEAT_S}s`);
    await waitFor(`"missed heartbeats" for ${name} in ${BROKER_LOG}`, () => reason.test(readFileSync(BROKER_LOG, 'utf8')), {
      timeoutMs: 3_000,
    });
  }, 20_000);

  it("closeAll(): 'reset' surfaces as ECONNRESET, 'fin' as 'Unexpected close'", async () => {
    const expectations = [
      ['reset', { message: 'read ECONNRESET', code: 'ECONNRESET' }],
      ['fin', { message: 'Unexpected close', code: undefined }],
    ] as const;
    for (const [how, error] of expectations) {
      const conn = await connectThroughProxy(uniqueName(`fi-${how}`));
      const seen = recordCloses(conn);
      proxy.closeAll(how);
      await waitFor(`a close after closeAll('${how}')`, () => seen.some((s) => s.event === 'close'), { timeoutMs: 3_000, intervalMs: 20 });
      expect(withoutTimes(seen)).toEqual([
        { event: 'error', ...error },
        { event: 'close', ...error },
      ]);
      await waitFor('the proxy to forget the connection', () => proxy.connectionCount === 0, { timeoutMs: 3_000, intervalMs: 20 });
    }
  }, 10_000);
});

describe('private broker', () => {
  const MAX_MESSAGE_SIZE = 1_048_576;
  let broker: PrivateBroker;
  let conn: ChannelModel | undefined;

  beforeAll(async () => {
    broker = await startPrivateBroker({ config: { max_message_size: String(MAX_MESSAGE_SIZE) } });
    conn = await amqp.connect(broker.amqpUrl);
  }, 60_000);

  afterAll(async () => {
    await conn?.close().catch(() => {});
    await broker?.destroy();
  }, 30_000);

  it('is its own node on its own ports, with the event exchange, and takes publishes', async () => {
    expect(broker.amqpPort).not.toBe(5672);
    expect(broker.managementPort).not.toBe(15672);
    const res = await fetch(`${broker.managementUrl}/api/overview`, {
      headers: { authorization: 'Basic ' + Buffer.from('guest:guest').toString('base64') },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { node: string }).node).toBe(broker.nodeName);
    const ch = await conn!.createChannel();
    await ch.checkExchange('amq.rabbitmq.event'); // rabbitmq_event_exchange is enabled
    expect(await roundTrip(ch)).toMatch(/^ping-/);
  }, 15_000);

  it('closes the channel with 406 for a message over max_message_size, and only that channel', async () => {
    const confirmed = await conn!.createConfirmChannel();
    const { queue } = await confirmed.assertQueue('', { exclusive: true });
    confirmed.sendToQueue(queue, Buffer.alloc(MAX_MESSAGE_SIZE));
    await confirmed.waitForConfirms(); // exactly at the limit is fine

    const ch = await conn!.createChannel();
    const events: Array<{ event: string; code?: number; message?: string }> = [];
    ch.on('error', (err: Error & { code?: number }) => events.push({ event: 'error', code: err.code, message: err.message }));
    ch.on('close', () => events.push({ event: 'close' }));
    ch.sendToQueue(queue, Buffer.alloc(MAX_MESSAGE_SIZE + 1));

    await waitFor('the channel to close', () => events.some((e) => e.event === 'close'), { timeoutMs: 5_000, intervalMs: 20 });
    expect(events).toEqual([
      {
        event: 'error',
        code: 406,
        message:
          'Channel closed by server: 406 (PRECONDITION-FAILED) with message ' +
          `"PRECONDITION_FAILED - message size ${MAX_MESSAGE_SIZE + 1} is larger than configured max size ${MAX_MESSAGE_SIZE}"`,
      },
      { event: 'close' },
    ]);
    expect(await roundTrip(await conn!.createChannel())).toMatch(/^ping-/); // the connection survives
  }, 15_000);

  it('stop(): a connected client sees only a close, 320 CONNECTION_FORCED with reason shutdown', async () => {
    const ch = await conn!.createChannel();
    const channelEvents: string[] = [];
    ch.on('error', () => channelEvents.push('error'));
    ch.on('close', () => channelEvents.push('close'));
    const seen = recordCloses(conn!);

    await broker.stop();

    const forced = "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'";
    expect(withoutTimes(seen)).toEqual([
      { event: 'close', message: `Connection closed: 320 (CONNECTION-FORCED) with message "${forced}"`, code: 320 },
    ]);
    expect(channelEvents).toEqual(['close']);
    await expect(amqp.connect(broker.amqpUrl)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    conn = undefined;
  }, 30_000);

  it('start(): comes back on the same ports and takes new connections', async () => {
    await broker.start();
    conn = await amqp.connect(broker.amqpUrl);
    expect(await roundTrip(await conn.createChannel())).toMatch(/^ping-/);
  }, 60_000);

  it('destroy(): the node is gone and so is its folder', async () => {
    await conn!.close();
    conn = undefined;
    await broker.destroy();
    expect(existsSync(broker.dir)).toBe(false);
    // A killed VM's listening socket can still reset a connection for a moment before the port refuses.
    const refused = await waitFor(
      'the AMQP port to refuse',
      () => amqp.connect(broker.amqpUrl).then(
        (c) => c.close().then(() => false as const),
        (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED' && err,
      ),
      { timeoutMs: 5_000, intervalMs: 100 },
    );
    expect(refused.code).toBe('ECONNREFUSED');
    const res = await fetch(`${broker.managementUrl}/api/overview`).catch((err: Error) => err);
    expect(res).toBeInstanceOf(Error);
  }, 15_000);
});
