/**
 * `npm run bench [-- --quick]`: builds real load on a private RabbitMQ node,
 * runs the real rabbitpulse against it, and measures what the issue asks —
 * poll cost, wire cost, reset-detection latency and the browser's cost —
 * then prints the figures and writes BENCHMARKS.md. Everything it starts or
 * creates is removed at the end, on failure and on Ctrl-C too (cleanup.ts).
 *
 * Not part of `npm test`: a full run takes about a quarter of an hour and both cores.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ROOT } from '../../test/support/app';
import { waitFor } from '../../test/support/wait';
import { parseOptions, type Options } from './options';
import { Cleanup } from './support/cleanup';
import { log } from './support/log';
import { describeMachine } from './support/machine';
import { ensureProductionBuild } from './support/build';
import { createWorkspace, raiseOpenFileLimit } from './support/workspace';
import { LOG_EXCHANGE_CONFIG, startBenchBroker, type BenchBroker } from './broker/private-node';
import { watchConnectionEvents } from './broker/event-watch';
import type { Management } from './broker/management';
import { declareQueues } from './load/queues';
import { startFleet, type Fleet } from './load/fleet';
import { POLL_INTERVAL_MS, startBenchApp, TARGET_ID, type BenchApp } from './app/bench-app';
import { connectMeteredClient, type MeteredClient } from './app/wire-meter';
import { measureBaseline } from './measure/baseline';
import { measureRssAnatomy } from './measure/rss-anatomy';
import { measurePollCost } from './measure/poll-cost';
import { measureFetchFloor } from './measure/fetch-floor';
import { measureWire } from './measure/wire-cost';
import { applicationResets, probeResets } from './measure/detection';
import { measureBrowser } from './measure/browser';
import { summariseProfiles } from './measure/profile';
import { measureLogChurn } from './measure/log-churn';
import type { StreamInterest } from '../../server/contract';
import type { BrokerLogResults, BrokerTotals, Results } from './results';
import type { Sizes } from './options';
import type { EventWatch } from './broker/event-watch';
import { renderMarkdown } from './report/markdown';
import { renderConsole } from './report/console';
import { soakSectionOf, withSoakSection } from '../soak/report';

/** The app's default poll.concurrency (server/config/schema.ts); the benchmark runs the defaults. */
const APP_CONCURRENCY = 3;
/** Plain fetches of each kind, measured while no app runs (one every poll interval). */
const FLOOR_RUNS = 4;
/** Closes per poll interval on the poll path, spread at random within it. */
const POLL_PATH_CLOSES_PER_INTERVAL = 4;

async function run(opts: Options, cleanup: Cleanup): Promise<Results> {
  const { sizes } = opts;
  const startedAt = new Date();
  const workspace = createWorkspace(cleanup);
  await ensureProductionBuild();
  const rssAnatomy = await measureRssAnatomy();
  const fd = raiseOpenFileLimit(65_536);
  log(`open-file limit ${fd.limit} (${fd.note}); workspace ${workspace}`);

  // Three rounds of victims, and the churn's connections (most live a few seconds, one in twenty up to two minutes).
  const bb = await startBenchBroker(cleanup, sizes.connections + 3 * sizes.resets + 400, LOG_EXCHANGE_CONFIG);
  const events = await watchConnectionEvents(bb.broker.amqpUrl, cleanup);
  const messages = await declareQueues(bb.broker.amqpUrl, sizes);
  log(`declared ${sizes.queues} queues with ${messages} messages`);
  // The app starts before the load, to measure it with nothing to watch; it then sees the load arrive.
  const profileDir = join(workspace, 'profiles');
  const app = await startBenchApp({ broker: bb.broker, eventExchange: true, workspace, label: 'event exchange on' }, cleanup);
  // The log subscription (on by default) and the joiner's wait for each close's line are part of what is measured from here on.
  await waitForLogSubscription(app);
  const idleClient = await connectClient(app.url, 0, cleanup, CONNECTIONS_PAGE);
  const baseline = await measureBaseline({ client: idleClient, pid: app.process.pid!, cycles: 2 });
  idleClient.close();
  log(`app with no load: RSS ${Math.round(baseline.rssBytes / 2 ** 20)} MB, ${baseline.cpuPerCycleSec.toFixed(2)} s CPU per cycle`);

  const loadStarted = Date.now();
  const fleet = await startFleet({ amqpUrl: bb.broker.amqpUrl, ...sizes }, cleanup);
  const openSeconds = (Date.now() - loadStarted) / 1000;
  // One browser, on the connections page; poll cost and RSS are measured with it alone.
  const client = await connectClient(app.url, sizes.connections, cleanup, CONNECTIONS_PAGE);
  const totals = await brokerTotals(bb.mgmt);
  log(`broker: ${totals.connections} connections, ${totals.channels} channels, ${totals.queues} queues, ${totals.consumers} consumers, ${totals.unacked} unacked`);
  const snapshotBytes = await client.snapshotBytes();

  log('measuring poll cost');
  const pollCost = await measurePollCost({ client, pid: app.process.pid!, cycles: sizes.pollCycles, intervalMs: POLL_INTERVAL_MS });
  log('measuring wire cost');
  // A second browser, on the queues page (the only page sent queue rows), watches the same idle polls.
  const queuesClient = await connectClient(app.url, sizes.connections, cleanup, QUEUES_PAGE);
  const snapshotBytesQueuesPage = await queuesClient.snapshotBytes();
  const onePercent = Math.max(1, Math.round(sizes.connections / 100));
  const [wireIdle, wireIdleQueuesPage] = await Promise.all([
    measureWire({ client, fleet, polls: sizes.wirePolls, touchPerPoll: 0, label: 'nothing changed' }),
    measureWire({ client: queuesClient, fleet, polls: sizes.wirePolls, touchPerPoll: 0, label: 'nothing changed, queues page' }),
  ]);
  queuesClient.close();
  const wireChanged = await measureWire({ client, fleet, polls: sizes.wirePolls, touchPerPoll: onePercent, label: '1% changed' });

  const browser = opts.browser
    ? await measureBrowser({ url: app.url, seconds: sizes.browserSeconds, cleanup, whileTiming: () => changeLoop(client, fleet, onePercent) })
    : null;

  log('measuring detection: probe resets');
  const probe = await probeResets({ client, mgmt: bb.mgmt, events, targetId: TARGET_ID, resets: sizes.resets });
  log('measuring detection: application connections, event exchange on');
  const eventExchange = await applicationResets({ client, mgmt: bb.mgmt, events, fleet, resets: sizes.resets, label: 'application connection force-closed (event exchange)', prefix: 'bench-victim-ee' });
  const churnOn = await measureLogChurn({ app, client, amqpUrl: bb.broker.amqpUrl, seconds: sizes.churnSeconds, perSecond: sizes.churnPerSecond, brokerLog: true });
  client.close();
  await app.stop();

  log('measuring the plain fetch of the same endpoints, with no app polling');
  const fetchFloor = await measureFetchFloor({ mgmt: bb.mgmt, runs: FLOOR_RUNS, appConcurrency: APP_CONCURRENCY, everyMs: POLL_INTERVAL_MS });

  const brokerLog: BrokerLogResults = { ...(await withoutBrokerLog({ sizes, broker: bb, events, fleet, workspace, cleanup })), churnOn };

  // With --profile it is this second app that is profiled: it does the same per-poll work, and its
  // figure (poll-path latency, in seconds) is not one a profiler's few percent could move.
  const pollApp = await startBenchApp({ broker: bb.broker, eventExchange: false, workspace, label: 'event exchange off', ...(opts.profile ? { profileDir } : {}) }, cleanup);
  const pollClient = await connectClient(pollApp.url, sizes.connections, cleanup, CONNECTIONS_PAGE);
  log('measuring detection: application connections, event exchange off (poll path)');
  const pollPath = await applicationResets({
    client: pollClient,
    mgmt: bb.mgmt,
    events,
    fleet,
    resets: sizes.resets,
    label: 'application connection force-closed (poll, event exchange off)',
    prefix: 'bench-victim-poll',
    spreadOverMs: (sizes.resets / POLL_PATH_CLOSES_PER_INTERVAL) * POLL_INTERVAL_MS,
  });
  pollClient.close();
  await pollApp.stop();
  const profile = opts.profile ? summariseProfiles(profileDir) : null;

  return {
    startedAt,
    finishedAt: new Date(),
    machine: describeMachine(),
    sizes,
    broker: { version: bb.version, erlang: bb.erlang, fdTotal: bb.fdTotal, socketsTotal: bb.socketsTotal, fdNote: fd.note },
    load: { ...fleet.counts, queues: sizes.queues, messages, totals, openSeconds },
    pollIntervalMs: POLL_INTERVAL_MS,
    appConcurrency: APP_CONCURRENCY,
    baseline,
    rssAnatomy,
    pollCost,
    fetchFloor,
    snapshotBytes,
    snapshotBytesQueuesPage,
    wireIdle,
    wireIdleQueuesPage,
    wireChanged,
    probe,
    eventExchange,
    pollPath,
    browser,
    profile,
    brokerLog,
  };
}

/**
 * The third app: event exchange on, its log subscription off
 * (eventExchange.brokerLog: false). The same force-closes and the same churn
 * as the first app's, so the difference is the log's: what the join adds to a
 * close's way to the browser, and the CPU it takes. A phase of its own rather
 * than a second figure from the first app, because only a restart changes it.
 */
async function withoutBrokerLog(o: {
  sizes: Sizes;
  broker: BenchBroker;
  events: EventWatch;
  fleet: Fleet;
  workspace: string;
  cleanup: Cleanup;
}): Promise<Omit<BrokerLogResults, 'churnOn'>> {
  const { sizes } = o;
  const app = await startBenchApp({ broker: o.broker.broker, eventExchange: true, brokerLog: false, workspace: o.workspace, label: 'broker log off' }, o.cleanup);
  const client = await connectClient(app.url, sizes.connections, o.cleanup, CONNECTIONS_PAGE);
  log('measuring detection: application connections, event exchange on, broker log off');
  const eventExchangeNoLog = await applicationResets({
    client,
    mgmt: o.broker.mgmt,
    events: o.events,
    fleet: o.fleet,
    resets: sizes.resets,
    label: 'application connection force-closed (event exchange, broker log off)',
    prefix: 'bench-victim-nolog',
  });
  const churnOff = await measureLogChurn({ app, client, amqpUrl: o.broker.broker.amqpUrl, seconds: sizes.churnSeconds, perSecond: sizes.churnPerSecond, brokerLog: false });
  client.close();
  await app.stop();
  return { eventExchangeNoLog, churnOff };
}

/**
 * Until the app says it subscribed to the broker's log (its probe state), so no close is measured before the join is
 * in place. Its state reads `disabled` until the subscription first reports, hence a wait for `subscribed` itself.
 */
async function waitForLogSubscription(app: BenchApp): Promise<void> {
  let last = 'unknown';
  await waitFor('the app to subscribe to the broker log', async () => {
    last = (await app.state()).targets[0]?.probe?.brokerLog?.state ?? 'unknown';
    return last === 'subscribed';
  }, { timeoutMs: 30_000, intervalMs: 250 }).catch(() => {
    throw new Error(`the app's broker-log subscription is ${last} after 30 s; the private node should have the log exchange on (LOG_EXCHANGE_CONFIG)`);
  });
}

const CONNECTIONS_PAGE: StreamInterest = { queues: false };
const QUEUES_PAGE: StreamInterest = { queues: true };

/** A metered socket.io client, once the app's view holds the whole load. */
async function connectClient(url: string, connections: number, cleanup: Cleanup, interest: StreamInterest): Promise<MeteredClient> {
  const client = await connectMeteredClient(url, interest);
  cleanup.add('socket.io client', () => client.close());
  await client.live.waitForView(`${connections} connections in the app's view`, (v) => (v.targets[0]?.connections.length ?? 0) >= connections, 60_000);
  return client;
}

/** Keeps changing `count` connections after every poll until stopped (live updates for the browser). */
function changeLoop(client: MeteredClient, fleet: Fleet, count: number): { stop: () => Promise<void> } {
  let running = true;
  const loop = (async () => {
    let seq = -1;
    while (running) {
      const poll = await client.nextPoll(seq).catch(() => null);
      if (!poll || !running) return;
      seq = poll.seq;
      await fleet.touch(count);
    }
  })();
  return { stop: async () => ((running = false), await loop) };
}

async function brokerTotals(mgmt: Management): Promise<BrokerTotals> {
  const o = await mgmt.get<{ object_totals: Record<string, number>; queue_totals: Record<string, number> }>('/api/overview?columns=object_totals,queue_totals');
  return {
    connections: o.object_totals.connections ?? 0,
    channels: o.object_totals.channels ?? 0,
    queues: o.object_totals.queues ?? 0,
    consumers: o.object_totals.consumers ?? 0,
    ready: o.queue_totals.messages_ready ?? 0,
    unacked: o.queue_totals.messages_unacknowledged ?? 0,
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.render) return report(loadResults(opts.render), true);
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers();
  let results: Results;
  try {
    results = await run(opts, cleanup);
  } catch (err) {
    log(`failed: ${(err as Error).stack ?? String(err)}`);
    await cleanup.run();
    process.exit(1);
  }
  log('cleaning up');
  await cleanup.run();
  report(results, opts.write);
  process.exit(0);
}

/** Prints the figures; writes BENCHMARKS.md and, beside the benchmark, the raw results it was made from. */
function report(results: Results, write: boolean): void {
  process.stdout.write(renderConsole(results));
  if (!write) return;
  const file = join(ROOT, 'BENCHMARKS.md');
  // The soak's section (npm run soak) is its own: carried over as it was.
  const soak = existsSync(file) ? soakSectionOf(readFileSync(file, 'utf8')) : null;
  const markdown = renderMarkdown(results);
  writeFileSync(file, soak ? withSoakSection(markdown, soak) : markdown);
  writeFileSync(LAST_RUN, JSON.stringify(results, null, 1) + '\n');
  log('wrote BENCHMARKS.md and scripts/bench/last-run.json');
}

const LAST_RUN = fileURLToPath(new URL('./last-run.json', import.meta.url));

function loadResults(file: string): Results {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Results;
  return { ...raw, startedAt: new Date(raw.startedAt), finishedAt: new Date(raw.finishedAt) };
}

void main();
