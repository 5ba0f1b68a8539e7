import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';

/** With the event exchange off, closes are still found — by the next poll, with the last known state. */
describe('closes found by polls alone', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ env: { RABBITPULSE_EVENT_EXCHANGE: 'off', RABBITPULSE_PROBES: 'off' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reports a close within one poll interval, from the poll', async () => {
    const name = uniqueName('poll-only');
    const conn = await openConnection(name, { heartbeat: 7 });
    await waitFor('the connection in /api/v1/state', async () => (await app.state()).targets[0]!.connections.find((c) => c.name === name));
    const state = (await app.state()).targets[0]!;
    expect(state.probe?.state ?? 'disabled').toBe('disabled');
    await conn.close();
    const closedAt = Date.now();
    const event = await waitFor('the poll to notice the close', async () => (await app.events()).events.find((e) => e.connection === name), { timeoutMs: 6_000, intervalMs: 100 });
    expect(event.source).toBe('poll');
    expect(event.lastKnown).toMatchObject({ name, heartbeatTimeoutSec: 7 });
    // The poll interval is 1 s in tests; allow the poll in flight plus one more.
    expect(event.at - closedAt).toBeLessThan(2_500);
  });
});
