import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { waitForStreamedEvent } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { startPrivateBroker, type PrivateBroker } from '../support/private-broker';
import { sleep, waitFor } from '../support/wait';

/**
 * Faults that need a broker we may stop and reconfigure: a private node on
 * its own ports (never the machine's own broker), with max_message_size set
 * to 1 MiB.
 */
describe('a private broker node that is stopped, started, and rejects large messages', () => {
  let broker: PrivateBroker;
  let app: RunningApp;
  let live: LiveClient;

  beforeAll(async () => {
    broker = await startPrivateBroker({ config: { max_message_size: '1048576' } });
    app = await startApp({
      config: {
        probes: {
          heartbeatSec: 5,
          roundTripIntervalMs: 500,
          reconnectBaseMs: 250,
          reconnectMaxMs: 1000,
          largeMessage: { enabled: true, intervalMs: 600_000, sizes: ['1KiB', '2MiB'], deadlineMs: 10_000 },
        },
        targets: [{ id: 'private', name: 'Private node', amqpUrl: broker.amqpUrl, managementUrl: broker.managementUrl }],
      },
    });
    live = await connectLiveClient(app.url);
    await live.waitForView('the probe up', (v) => v.targets[0]?.probe?.state === 'up', 30_000);
  }, 120_000);

  afterAll(async () => {
    live?.close();
    await app?.stop();
    await broker?.destroy();
  }, 60_000);

  it('reports a message above max_message_size as rejected, with the limit and the broker\'s text', async () => {
    const { event } = await waitForStreamedEvent(live, 'a large-message failure', (e) => e.kind === 'large-message.failed', 30_000);
    expect(event.code).toBe(406);
    expect(event.explanation).toMatch(/rejected 2 MiB/);
    expect(event.explanation).toMatch(/max_message_size is 1 MiB/);
    expect(event.explanation).toMatch(/PRECONDITION_FAILED/);
    const results = await live.waitForView('both sizes reported', (v) => {
      const r = v.targets[0]?.probe?.largeMessages ?? [];
      return r.length === 2 ? r : undefined;
    });
    expect(results.find((r) => r.label === '1 KiB')).toMatchObject({ status: 'ok' });
    expect(results.find((r) => r.label === '2 MiB')).toMatchObject({ status: 'rejected', limitBytes: 1048576 });
  }, 40_000);

  it('shows the outage while the node is stopped and reconnects by itself; the recorded downtime matches', async () => {
    const stopCalledAt = Date.now();
    await broker.stop();
    const stopResolvedAt = Date.now();
    const { event: reset, receivedAt } = await waitForStreamedEvent(live, 'the probe reset', (e) => e.kind === 'probe.reset', 15_000);
    // A graceful shutdown closes clients with 320 CONNECTION_FORCED, "with reason 'shutdown'".
    expect(reset.cause).toBe('shutdown');
    expect(reset.detail).toMatch(/CONNECTION_FORCED/);
    expect(reset.at).toBeGreaterThanOrEqual(stopCalledAt);
    expect(reset.at).toBeLessThanOrEqual(stopResolvedAt);
    expect(receivedAt - reset.at).toBeLessThan(1_000);
    const down = await live.waitForView('the probe marked down', (v) => (v.targets[0]?.probe?.state === 'down' ? v.targets[0].probe : undefined));
    expect(down.outages[0]!.endedAt).toBeNull();

    await sleep(2_000); // keep it down a little while
    await broker.start();
    const portBackAt = await waitFor('the AMQP port to accept again', () => tcpAccepts(broker.amqpPort).then((ok) => ok && Date.now()), { timeoutMs: 30_000, intervalMs: 100 });
    const { event: recovered } = await waitForStreamedEvent(live, 'the probe to recover', (e) => e.kind === 'probe.recovered', 30_000);
    const outage = recovered.outage!;
    expect(outage.startedAt).toBe(reset.at);
    expect(outage.endedAt).toBeGreaterThan(stopResolvedAt);
    // Reconnect attempts are at most 1 s apart here, so the probe is back soon after the broker is.
    expect(Math.abs(outage.endedAt! - portBackAt)).toBeLessThan(5_000);
    expect(outage.durationMs).toBe(outage.endedAt! - outage.startedAt);
    expect(outage.durationMs!).toBeGreaterThanOrEqual(stopResolvedAt - stopCalledAt);
    const up = await live.waitForView('the probe up again', (v) => (v.targets[0]?.probe?.state === 'up' ? v.targets[0].probe : undefined), 10_000);
    expect(up.outages[0]).toMatchObject({ startedAt: outage.startedAt, endedAt: outage.endedAt });
  }, 120_000);
});

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
