import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../test/support/app';
import { waitFor } from '../../../test/support/wait';
import type { PrivateBroker } from '../../../test/support/private-broker';
import type { Cleanup } from '../support/cleanup';
import { ensureProductionBuild } from '../support/build';
import { log } from '../support/log';
import { PROFILE_PRELOAD, profileEnv } from '../measure/profile';
import { appCpu, THREAD_IDS_PRELOAD, threadIdsEnv, threadOf, type AppCpu } from './threads';

export const TARGET_ID = 'bench';
export const POLL_INTERVAL_MS = 5000;

export interface BenchApp extends RunningApp {
  /** CPU time so far of the app, its main thread and its probe worker. */
  cpu(): AppCpu;
}

/**
 * Starts the real app (production build, `npm start`'s command) against the
 * private node, with defaults except where a default would distort the
 * measurement:
 * - the large-message probe is off: it publishes up to 128 MiB every 10 min,
 *   which on two cores would land in the middle of whatever is being timed;
 * - the probe reconnects after 100 ms instead of 1 s, so 50+ probe resets fit
 *   in a minute (reconnecting has nothing to do with how fast a reset is seen).
 * The poll interval is the default 5 s (test/support's startApp would use 1 s).
 * `brokerLog: false` turns off only the log-exchange subscription
 * (eventExchange.brokerLog), to measure what it costs. Every thread records
 * its Linux thread id (app/threads.ts); with `profileDir`, every thread also
 * runs V8's sampling profiler (measure/profile.ts).
 */
export async function startBenchApp(
  o: { broker: PrivateBroker; eventExchange: boolean; brokerLog?: boolean; workspace: string; label: string; profileDir?: string },
  cleanup: Cleanup,
): Promise<BenchApp> {
  await ensureProductionBuild();
  log(`starting rabbitpulse (${o.label})`);
  const slug = o.label.replace(/\W+/g, '-');
  const threadsDir = join(o.workspace, `threads-${slug}`);
  const preloads = [THREAD_IDS_PRELOAD, ...(o.profileDir ? [PROFILE_PRELOAD] : [])];
  const app = await startApp({
    config: {
      targets: [{ id: TARGET_ID, name: 'bench node', amqpUrl: o.broker.amqpUrl, managementUrl: o.broker.managementUrl, username: 'guest', password: 'guest' }],
      probes: { reconnectBaseMs: 100, largeMessage: { enabled: false } },
      ...(o.brokerLog === false ? { eventExchange: { brokerLog: false } } : {}),
    },
    env: {
      RABBITPULSE_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
      RABBITPULSE_EVENT_EXCHANGE: o.eventExchange ? 'on' : 'off',
      RABBITPULSE_DATABASE: join(o.workspace, `history-${slug}.db`),
      // Node refuses --cpu-prof in NODE_OPTIONS and startApp takes no Node flags: preloads go in with --import.
      NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...preloads.map((p) => `--import ${p}`)].join(' ').trim(),
      ...threadIdsEnv(threadsDir),
      ...(o.profileDir ? profileEnv(o.profileDir) : {}),
    },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  cleanup.add(`rabbitpulse (${o.label})`, stop);
  // The server starts its workers before it says it is listening, but a worker's thread may not have run yet.
  const probeWorker = await waitFor('the probe worker to record its thread id', () => threadOf(threadsDir, 'probe-worker.js'), { timeoutMs: 15_000, intervalMs: 50 });
  return { ...app, stop: async () => ((await stop()), app.process.exitCode), cpu: () => appCpu(app.process.pid!, probeWorker) };
}
