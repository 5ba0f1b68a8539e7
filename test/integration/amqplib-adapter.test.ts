import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelModel } from 'amqplib';
import { loadHeartbeatFrame, serverVersion, tapConnection } from '../../server/sources/probes/amqplib-adapter';
import { openConnection, uniqueName } from '../support/broker';
import { sleep } from '../support/wait';

/**
 * The adapter reaches into amqplib's private internals. If a new amqplib
 * moves them, this test must fail loudly rather than the probe going quiet.
 */
describe('amqplib adapter against a real connection', () => {
  let conn: ChannelModel | undefined;
  afterEach(async () => {
    await conn?.close().catch(() => {});
    conn = undefined;
  });

  it('finds amqplib\'s heartbeat frame singleton', () => {
    const frame = loadHeartbeatFrame();
    expect(frame).toMatchObject({ channel: 0 });
  });

  it('sees inbound and outbound heartbeats and inbound bytes on an idle connection', async () => {
    conn = await openConnection(uniqueName('adapter'), { heartbeat: 1 });
    const seen = { inHb: [] as number[], outHb: [] as number[], bytes: 0 };
    const tuning = tapConnection(conn, {
      inboundHeartbeat: (at) => seen.inHb.push(at),
      outboundHeartbeat: (at) => seen.outHb.push(at),
      inboundBytes: (_at, n) => (seen.bytes += n),
    });
    expect(tuning.heartbeatSec).toBe(1);
    expect(tuning.frameMax).toBeGreaterThan(4096);
    expect(serverVersion(conn)).toMatch(/^\d+\.\d+/);
    await sleep(3200);
    // The broker beats every timeout/2 = 0.5 s when idle; amqplib likewise.
    expect(seen.inHb.length).toBeGreaterThanOrEqual(3);
    expect(seen.outHb.length).toBeGreaterThanOrEqual(3);
    expect(seen.bytes).toBeGreaterThanOrEqual(seen.inHb.length * 8); // a heartbeat frame is 8 bytes
    // The connection still works after tapping.
    const ch = await conn.createChannel();
    await ch.checkExchange('amq.direct');
  });

  it('refuses loudly when the internals it needs are missing', () => {
    const fake = { connection: { channels: [], sendHeartbeat: () => {} } } as unknown as ChannelModel;
    expect(() => tapConnection(fake, { inboundHeartbeat() {}, outboundHeartbeat() {}, inboundBytes() {} })).toThrow(/amqplib internals changed: connection\.channels\[0\]/);
  });
});
