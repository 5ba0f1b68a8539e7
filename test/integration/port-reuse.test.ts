import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amqp, { type ChannelModel } from 'amqplib';
import { startApp, type RunningApp } from '../support/app';
import { AMQP_URL, uniqueName } from '../support/broker';
import { waitForStreamedEvent } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { freePort, sleep } from '../support/wait';

/**
 * Real connections from one client port, one after another: the broker gives
 * each the same name (`127.0.0.1:P -> 127.0.0.1:5672`). Every one of them must
 * be listed while open and have its close reported, whichever path sees the
 * close (event exchange, or close sweep and polls when it is off).
 */
async function openOnPort(localPort: number, name: string): Promise<ChannelModel> {
  // The port may still be held a moment by the previous socket's close; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      // amqplib hands its socket options to net.connect, which takes localPort; its types do not list it.
      const socketOptions = { localPort, clientProperties: { connection_name: name } } as Parameters<typeof amqp.connect>[1];
      return await amqp.connect(AMQP_URL, socketOptions);
    } catch (err) {
      if (attempt >= 20 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      await sleep(100);
    }
  }
}

function portReuseCases(label: string, env: Record<string, string>, opts: { seesBriefConnections: boolean }) {
  describe(`a client port reused (${label})`, () => {
    let app: RunningApp;
    let live: LiveClient;
    let port: number;
    const open: ChannelModel[] = [];

    beforeAll(async () => {
      app = await startApp({ env });
      live = await connectLiveClient(app.url);
      port = await freePort();
    });
    afterAll(async () => {
      live?.close();
      await Promise.all(open.map((c) => c.close().catch(() => {})));
      await app?.stop();
    });

    const listed = (name: string, timeoutMs = 15_000) =>
      live.waitForView(`${name} listed`, (v) => v.targets[0]?.connections.find((c) => c.providedName === name), timeoutMs);
    const closeReported = (name: string) => waitForStreamedEvent(live, `the close of ${name}`, (e) => e.kind === 'connection.closed' && e.connection === name, 15_000);

    it('lists each successor on the same port and reports every close', async () => {
      const names = [uniqueName('reuse-a'), uniqueName('reuse-b'), uniqueName('reuse-c')];
      const ids: string[] = [];
      const brokerNames = new Set<string>();
      for (const name of names) {
        const conn = await openOnPort(port, name);
        open.push(conn);
        const row = await listed(name);
        ids.push(row.id);
        brokerNames.add(row.brokerName);
        await conn.close();
        const { event } = await closeReported(name);
        expect(event.lastKnown?.id).toBe(row.id);
        expect(live.view()!.targets[0]!.connections.some((c) => c.id === row.id)).toBe(false);
      }
      expect(brokerNames.size).toBe(1); // one broker name…
      expect(new Set(ids).size).toBe(3); // …three connections
    });

    // Only the event exchange sees a connection that no poll or sweep ever listed.
    if (!opts.seesBriefConnections) return;
    it('reports the close of a successor that opened and closed between two polls', async () => {
      const first = uniqueName('reuse-first');
      const conn = await openOnPort(port, first);
      open.push(conn);
      await listed(first);
      await conn.close();
      await closeReported(first);
      const brief = uniqueName('reuse-brief');
      const briefConn = await openOnPort(port, brief);
      open.push(briefConn);
      await briefConn.close();
      const { event } = await closeReported(brief);
      expect(event.connection).toBe(brief);
    });
  });
}

portReuseCases('event exchange', {}, { seesBriefConnections: true });
portReuseCases('event exchange off: close sweep and polls', { RABBITPULSE_EVENT_EXCHANGE: 'off' }, { seesBriefConnections: false });
