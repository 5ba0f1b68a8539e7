import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelModel } from 'amqplib';
import { startApp, type RunningApp } from '../support/app';
import { brokerConnectionName, management, openConnection, uniqueName } from '../support/broker';
import { waitForStreamedEvent } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/live-client';

/**
 * Without the event exchange, closes are found by asking the broker which
 * connections exist (the close sweep, every second) rather than at the next
 * full poll. The poll interval here is 20 s, so a close seen within a few
 * seconds can only have come from the sweep.
 */
describe('close sweep (event exchange off)', () => {
  let app: RunningApp;
  let live: LiveClient;
  const connections: ChannelModel[] = [];

  beforeAll(async () => {
    app = await startApp({ env: { RABBITPULSE_EVENT_EXCHANGE: 'off', RABBITPULSE_POLL_INTERVAL_MS: '20000' } });
    live = await connectLiveClient(app.url);
  });

  afterAll(async () => {
    live?.close();
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
    await app?.stop();
  });

  it('reports a force-closed connection within seconds, long before the next poll', async () => {
    const provided = uniqueName('sweep-me');
    connections.push(await openConnection(provided));
    // The connection must be known first: it appears at a full poll (the first is at start, then every 20 s).
    await live.waitForView('the connection listed', (v) => v.targets[0]?.connections.some((c) => c.providedName === provided), 45_000);
    const name = (await brokerConnectionName(provided))!;
    const closedAt = Date.now();
    await management(`/api/connections/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { 'X-Reason': 'close sweep test' } });
    const { event, receivedAt } = await waitForStreamedEvent(live, 'the close', (e) => e.kind === 'connection.closed' && e.lastKnown?.brokerName === name, 15_000);
    expect(event.source).toBe('poll');
    expect(receivedAt - closedAt).toBeLessThan(4000);
    // …and it left the live view at the same time.
    expect(live.view()!.targets[0]!.connections.some((c) => c.brokerName === name)).toBe(false);
  });
});
