/**
 * Composition root: config → stores → sources → transport. Nothing else in
 * the server reads process.env or argv, and nothing is a module-level
 * singleton: every part gets what it needs passed in here.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import next from 'next';
import { ConfigError, loadConfig } from './config/load';
import { createLogger } from './log';
import { WorkerPollFetcher } from './sources/management/fetcher';
import { ManagementPoller } from './sources/management/poller';
import { CloseSweeper } from './sources/management/close-sweep';
import { ProbeHost } from './sources/probes/probe-host';
import { LoopDelayMonitor } from './self-health';
import { Alerting } from './alerts/alerting';
import { HistoryHealthMonitor, HistoryOpenError, openHistory } from './persistence';
import { Hub } from './state/hub';
import { TargetStore } from './state/target-store';
import { Access } from './auth/access';
import { accessProblem } from './auth/policy';
import { createApiHandler } from './transport/http-api';
import { createRequestHandler } from './transport/request-handler';
import { attachSocketServer } from './transport/socket';
import { recordHistory } from './persistence/history-recorder';
import { logLinkChanges } from './link-log';

/** The project directory (Next's `dir`): above server/ from source, above dist/server/ when compiled. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = projectRoot();

/** How long a clean shutdown may take before the process exits anyway (orchestrators wait 30 s by default). */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const log = createLogger();
  let config;
  try {
    config = loadConfig(argv, env, (warning) => log.warn(warning));
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) process.stderr.write(`rabbitpulse: configuration error: ${problem}\n`);
      process.exit(2);
    }
    throw err;
  }
  const problem = accessProblem(config.auth, config.host);
  if (problem) {
    process.stderr.write(`rabbitpulse: configuration error: ${problem}\n`);
    process.exit(2);
  }
  const dev = argv.includes('--dev');
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const app = next({ dev, dir: root, hostname: config.host, port: config.port });
  await app.prepare();
  const renderPage = app.getRequestHandler();

  // Owned here, not by the history: other writers to the store (the delivery loop's outbox) report to it too.
  const historyHealth = new HistoryHealthMonitor({ log });
  let history;
  try {
    history = await openHistory(config.history, { log, health: historyHealth });
  } catch (err) {
    if (err instanceof HistoryOpenError) {
      process.stderr.write(`rabbitpulse: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const stores = config.targets.map((t) => new TargetStore(t, config.history.samplesPerSeries, config.alerts.consumerTimeoutMs));
  const hub = new Hub(stores, config.history.maxEvents);
  // Rule overrides were checked with the rest of the config (loadConfig), before anything started.
  // The outbox lives in the history: when delivery cannot read or write it, history is not being kept either.
  const alerting = new Alerting(config, hub, history, log, (ok, message) => historyHealth.reportHistoryWrite(ok, message ?? undefined));
  // The timeline and the rules' look-back start from what the history kept; from here on the
  // recorder keeps what the hub publishes.
  const events = await history.loadEvents(config.history.maxEvents);
  hub.restoreEvents(events);
  const stopRecording = recordHistory(hub, history);
  const stopLinkLog = logLinkChanges(hub, log);
  await alerting.start(events);
  const access = await Access.open(config.auth, history);
  const api = createApiHandler({ hub, version, startedAt: Date.now(), alerting, history, historyHealth, access });

  const server = createServer(createRequestHandler({ access, api, renderPage, dev, frameAncestors: config.auth.frameAncestors, log }));
  const socket = attachSocketServer(server, hub, log, access);

  const fetcher = new WorkerPollFetcher();
  const lastKind = new Map<string, string>();
  const pollers = config.targets.map(
    (target) =>
      new ManagementPoller({
        target,
        fetcher,
        concurrency: config.poll.concurrency,
        maxBackoffMs: config.poll.maxBackoffMs,
        onOutcome: (outcome, meta) => {
          hub.applyOutcome(target.id, outcome, meta);
          // Log status transitions only, not every failed poll of a long outage.
          const kind = outcome.ok ? 'ok' : outcome.failure.kind;
          if (lastKind.get(target.id) !== kind) {
            if (outcome.ok) log.info(`target ${target.id}: management API ok (${target.managementUrl})`);
            else log.warn(`target ${target.id}: ${outcome.failure.kind}: ${outcome.failure.message}`);
            lastKind.set(target.id, kind);
          }
        },
        onError: (err) => log.error(`target ${target.id}: ${(err as Error).stack ?? String(err)}`),
      }),
  );
  const sweepers = config.targets.map(
    (target) =>
      new CloseSweeper({
        target,
        fetcher,
        everyMs: config.poll.closeSweepMs,
        needed: () => !hub.store(target.id)?.eventExchangeSubscribed(),
        onLive: (names, startedAt) => hub.applyLiveConnections(target.id, names, startedAt),
        onError: (err) => log.error(`target ${target.id}: close sweep: ${(err as Error).stack ?? String(err)}`),
      }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const probes = new ProbeHost(config, hub, log);
  probes.start();
  // Self-health every 5 s: the server's own event-loop delay next to the probe worker's, and whether history is kept.
  const loop = new LoopDelayMonitor();
  const selfHealthTimer = setInterval(() => {
    const memory = process.memoryUsage();
    hub.applyServerHealth(loop.take(), memory.rss, historyHealth.current(), memory.heapUsed);
  }, 5000);
  selfHealthTimer.unref();

  log.info(`rabbitpulse ${version} listening on http://${config.host}:${port} (${dev ? 'development' : 'production'}), watching ${config.targets.map((t) => t.id).join(', ')}`);
  if (access.mode === 'none') log.warn('no-auth mode (auth.mode: none): anyone who can reach this port can use the dashboard');
  for (const p of pollers) p.start();
  for (const s of sweepers) s.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // A shutdown step that hangs (a broker that never answers a close, a stdout whose reader
    // is gone) must not leave a process that ignores SIGTERM: give up after a deadline.
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    log.info(`${signal}: shutting down`);
    // Reverse order of start: sources first, so nothing writes to a closed transport.
    for (const p of pollers) p.stop();
    for (const s of sweepers) s.stop();
    clearInterval(selfHealthTimer);
    loop.stop();
    await probes.stop();
    await fetcher.close();
    await alerting.stop();
    stopRecording();
    stopLinkLog();
    await history.close();
    await socket.close();
    await app.close?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main(process.argv.slice(2), process.env).catch((err: Error) => {
  process.stderr.write(`rabbitpulse: failed to start: ${err.message}\n`);
  process.exit(1);
});
