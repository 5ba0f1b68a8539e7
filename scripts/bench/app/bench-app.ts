import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../test/support/app';
import type { PrivateBroker } from '../../../test/support/private-broker';
import type { Cleanup } from '../support/cleanup';
import { ensureProductionBuild } from '../support/build';
import { log } from '../support/log';

export const TARGET_ID = 'bench';
export const POLL_INTERVAL_MS = 5000;

/**
 * Starts the real app (production build, `npm start`'s command) against the
 * private node, with defaults except where a default would distort the
 * measurement:
 * - the large-message probe is off: it publishes up to 128 MiB every 10 min,
 *   which on two cores would land in the middle of whatever is being timed;
 * - the probe reconnects after 100 ms instead of 1 s, so 50+ probe resets fit
 *   in a minute (reconnecting has nothing to do with how fast a reset is seen).
 * The poll interval is the default 5 s (test/support's startApp would use 1 s).
 */
export async function startBenchApp(
  o: { broker: PrivateBroker; eventExchange: boolean; workspace: string; label: string; env?: Record<string, string> },
  cleanup: Cleanup,
): Promise<RunningApp> {
  await ensureProductionBuild();
  log(`starting rabbitpulse (${o.label})`);
  const app = await startApp({
    config: {
      targets: [{ id: TARGET_ID, name: 'bench node', amqpUrl: o.broker.amqpUrl, managementUrl: o.broker.managementUrl, username: 'guest', password: 'guest' }],
      probes: { reconnectBaseMs: 100, largeMessage: { enabled: false } },
    },
    env: {
      RABBITPULSE_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
      RABBITPULSE_EVENT_EXCHANGE: o.eventExchange ? 'on' : 'off',
      RABBITPULSE_DATABASE: join(o.workspace, `history-${o.label.replace(/\W+/g, '-')}.db`),
      ...o.env,
    },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  cleanup.add(`rabbitpulse (${o.label})`, stop);
  return { ...app, stop: async () => ((await stop()), app.process.exitCode) };
}
