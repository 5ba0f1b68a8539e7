import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { MANAGEMENT_URL, brokerConnectionName, management } from '../support/broker';
import { waitForStreamedEvent } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';

/**
 * Faults on rabbitpulse's own probe connection, caused for real against the
 * machine's broker: a frozen network path (through a loopback proxy) and an
 * admin force-close through the management API.
 */
describe('probe resets, caused for real', () => {
  let proxy: TcpProxy;
  let app: RunningApp;
  let live: LiveClient;

  beforeAll(async () => {
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: 5672 });
    app = await startApp({
      config: {
        probes: { heartbeatSec: 2, roundTripIntervalMs: 500, reconnectBaseMs: 300, reconnectMaxMs: 1500, largeMessage: { enabled: false } },
        eventExchange: { enabled: false },
        targets: [
          { id: 'direct', name: 'Direct', amqpUrl: 'amqp://guest:guest@127.0.0.1:5672', managementUrl: MANAGEMENT_URL },
          { id: 'proxied', name: 'Through proxy', amqpUrl: `amqp://guest:guest@127.0.0.1:${proxy.port}`, managementUrl: MANAGEMENT_URL },
        ],
      },
    });
    live = await connectLiveClient(app.url);
    await live.waitForView('both probes up', (v) => v.targets.every((t) => t.probe?.state === 'up'), 20_000);
  });

  afterAll(async () => {
    live?.close();
    await app?.stop();
    await proxy?.close();
  });

  it('reports a client-side heartbeat timeout when the broker→client path freezes, then recovers', async () => {
    const frozenAt = Date.now();
    proxy.freeze('server-to-client');
    const { event, receivedAt } = await waitForStreamedEvent(live, 'a probe reset on the proxied target', (e) => e.targetId === 'proxied' && e.kind === 'probe.reset');
    expect(event.cause).toBe('client-heartbeat-timeout');
    expect(event.certainty).toBe('certain');
    expect(event.detail).toMatch(/Heartbeat timeout/);
    expect(event.explanation).toMatch(/stopped hearing from the broker/);
    // amqplib gives up after two silent heartbeat intervals (2 × 2 s), give or take a timer tick.
    expect(event.at - frozenAt).toBeGreaterThan(2_000);
    expect(event.at - frozenAt).toBeLessThan(7_000);
    expect(receivedAt - event.at).toBeLessThan(1_000);
    // The other target's probe is untouched.
    expect(live.view()!.targets.find((t) => t.id === 'direct')!.probe!.state).toBe('up');

    proxy.thaw();
    proxy.closeAll('reset');
    const recovered = await waitForStreamedEvent(live, 'the proxied probe to recover', (e) => e.targetId === 'proxied' && e.kind === 'probe.recovered');
    expect(recovered.event.outage!.cause).toBe('client-heartbeat-timeout');
    expect(recovered.event.outage!.startedAt).toBe(event.at);
    expect(recovered.event.outage!.durationMs).toBe(recovered.event.outage!.endedAt! - recovered.event.outage!.startedAt);
    const probe = await live.waitForView('the outage in the probe state', (v) => {
      const p = v.targets.find((t) => t.id === 'proxied')?.probe;
      return p?.state === 'up' && p.outages.length > 0 ? p : undefined;
    });
    expect(probe.outages[0]!.endedAt).not.toBeNull();
  }, 40_000);

  it('reports a force-close through the management API as forced, with the admin\'s reason', async () => {
    const name = await waitFor('the probe connection in the management API', () => brokerConnectionName('rabbitpulse-probe/direct'));
    const reason = 'rabbitpulse test: closing the probe on purpose';
    const closedAt = Date.now();
    await management(`/api/connections/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { 'X-Reason': reason } });
    const { event, receivedAt } = await waitForStreamedEvent(live, 'a forced probe reset', (e) => e.targetId === 'direct' && e.kind === 'probe.reset');
    expect(event.cause).toBe('forced');
    expect(event.code).toBe(320);
    expect(event.detail).toContain(reason);
    expect(event.explanation).toMatch(/force-closed/);
    // Shown within a second of the close, without waiting for a poll.
    expect(receivedAt - closedAt).toBeLessThan(1_000);
    const recovered = await waitForStreamedEvent(live, 'the direct probe to recover', (e) => e.targetId === 'direct' && e.kind === 'probe.recovered');
    expect(recovered.event.outage!.cause).toBe('forced');
    expect(recovered.event.outage!.durationMs!).toBeLessThan(5_000);
  }, 30_000);

  it('serves the probe\'s heartbeat and round-trip figures over HTTP', async () => {
    const state = await app.state();
    const probe = state.targets.find((t) => t.id === 'direct')!.probe!;
    expect(probe.connectionName).toBe('rabbitpulse-probe/direct');
    expect(probe.heartbeat.timeoutSec).toBe(2);
    expect(probe.heartbeat.expectedIntervalMs).toBe(1000);
    expect(probe.heartbeat.silenceMs).not.toBeNull();
    expect(probe.heartbeat.marginMs!).toBeGreaterThan(0);
    await waitFor('round trips to be measured', async () => {
      const p = (await app.state()).targets.find((t) => t.id === 'direct')!.probe!;
      return p.roundTrip.delivered >= 3 && p.roundTrip.deliverP50Ms !== null ? p : undefined;
    });
    // The probe's queue is exclusive and auto-deleted: nothing named after rabbitpulse outlives it.
    const queues = await management<Array<{ name: string; exclusive: boolean; auto_delete: boolean; owner_pid_details?: { name?: string } }>>('/api/queues?columns=name,exclusive,auto_delete');
    for (const q of queues.filter((x) => x.name.startsWith('amq.gen'))) expect(q.exclusive || q.auto_delete).toBe(true);
  });
});
