import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type RunningApp } from '../support/app';
import { management } from '../support/broker';
import { waitForStreamedEvent } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/live-client';
import { waitFor } from '../support/wait';

/** The lab's blocked-handler scenario, on a running dashboard, yields an explained heartbeat-suspected close. */
describe('npm run lab -- blocked-handler', () => {
  let app: RunningApp;
  let live: LiveClient;

  beforeAll(async () => {
    app = await startApp({ env: { RABBITPULSE_PROBES: 'on' } });
    live = await connectLiveClient(app.url);
    await live.waitForView('the event-exchange subscription', (v) => v.targets[0]?.probe?.eventExchange.state === 'subscribed');
  });
  afterAll(async () => {
    live?.close();
    await app?.stop();
  });

  it('shows the close with its cause, the unacked message and the fix', async () => {
    const lab = spawn(process.execPath, ['--import', 'tsx', 'scripts/lab/cli.ts', 'blocked-handler'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    lab.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    lab.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // Seen healthy first, with its unacked message and heartbeat.
      const seen = await live.waitForView('lab-blocked-handler holding its message', (v) =>
        v.targets[0]!.connections.find((c) => c.name === 'lab-blocked-handler' && c.unacked === 1),
        20_000,
      );
      expect(seen.heartbeatTimeoutSec).toBe(5);
      const { event, receivedAt } = await waitForStreamedEvent(live, 'the close of lab-blocked-handler', (e) => e.connection === 'lab-blocked-handler', 40_000);
      expect(event.cause, JSON.stringify(event)).toBe('heartbeat-suspected');
      expect(['likely', 'possible']).toContain(event.certainty); // see pipeline.test.ts on short timeouts
      expect(receivedAt - event.at).toBeLessThan(1_000);
      const text = event.explanation;
      expect(text).toContain('"lab-blocked-handler"');
      expect(text).toMatch(/amqplib \d+\.\d+\.\d+/);
      expect(text).toContain('5 s heartbeat timeout');
      expect(text).toMatch(/sent nothing for about \d+ s/);
      expect(text).toMatch(/1 unacknowledged message; the broker redelivers/);
      expect(text).toMatch(/blocks the client's I\/O loop/);
      expect(text).toMatch(/move long work off the I\/O thread or process/);
      expect(text).toMatch(/do not just raise or disable heartbeats/);
      const code = await new Promise<number | null>((resolve) => lab.once('exit', resolve));
      expect(code, out).toBe(0);
      // The lab cleans up after itself.
      const queues = await management<Array<{ name: string }>>('/api/queues?columns=name');
      expect(queues.filter((q) => q.name.startsWith('lab.blocked-handler.'))).toEqual([]);
    } finally {
      lab.kill('SIGTERM');
      await waitFor('the lab to exit', () => lab.exitCode !== null || lab.signalCode !== null, { timeoutMs: 10_000 }).catch(() => lab.kill('SIGKILL'));
    }
  }, 90_000);
});
