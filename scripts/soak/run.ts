/**
 * `npm run soak [-- --minutes 30 --rate 10]`: connection churn against a
 * private RabbitMQ node while the real rabbitpulse (production build, probes
 * on, a webhook notifier pointed at a local receiver) watches it. Samples the
 * app's RSS and heap, and at the end compares the closes rabbitpulse reported
 * with the closes that were made (the churn's own count and the broker's
 * `connection_closed` counter), and counts notifications per Idempotency-Key.
 * Prints the figures and writes scripts/soak/last-run.json; with `--write`,
 * also its section of BENCHMARKS.md (report.ts).
 *
 * Not part of `npm test`: it runs for half an hour by default. Everything it
 * starts is removed at the end, on failure and on Ctrl-C too.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { Delta, PulseEvent, SelfHealth } from '../../server/contract';
import { ROOT, startApp } from '../../test/support/app';
import { startWebhookReceiver } from '../../test/support/webhook-receiver';
import { freePort } from '../../test/support/wait';
import { startBenchBroker } from '../bench/broker/private-node';
import { Cleanup } from '../bench/support/cleanup';
import { ensureProductionBuild } from '../bench/support/build';
import { log } from '../bench/support/log';
import { memory } from '../bench/support/proc';
import { createWorkspace, raiseOpenFileLimit } from '../bench/support/workspace';
import { Churn } from './churn';
import { renderSoakSection, withSoakSection, type SoakResult } from './report';
import { slopePerMinute, type Sample } from './slope';

const PREFIX = 'soak-';
const SAMPLE_EVERY_MS = 30_000;
/** Closes still on their way when the churn stops: the event exchange is fast, but the poll path takes a poll or two. */
const DRAIN_MS = 20_000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

async function run(cleanup: Cleanup): Promise<SoakResult> {
  const minutes = option('minutes', 30);
  const rate = option('rate', 10);
  const workspace = createWorkspace(cleanup);
  await ensureProductionBuild();
  raiseOpenFileLimit(65_536);
  const bb = await startBenchBroker(cleanup, 1000);
  const receiver = await startWebhookReceiver([200]);
  cleanup.add('webhook receiver', () => receiver.close());
  const app = await startApp({
    config: {
      targets: [{ id: 'soak', name: 'soak node', amqpUrl: bb.broker.amqpUrl, managementUrl: bb.broker.managementUrl, username: 'guest', password: 'guest' }],
      notifiers: [{ id: 'hook', kind: 'webhook', url: `${receiver.url}/hook`, minSeverity: 'info' }],
    },
    env: { RABBITPULSE_POLL_INTERVAL_MS: '5000', RABBITPULSE_DATABASE: join(workspace, 'history.db') },
  });
  cleanup.add('rabbitpulse', () => app.stop());
  log(`rabbitpulse at ${app.url}; churn ${rate}/s for ${minutes} min`);

  // A client of the live stream, as a browser: every close event it is sent.
  const seen = new Map<string, PulseEvent>();
  let health: SelfHealth | null = null;
  const socket = io(app.url, { transports: ['websocket'] });
  cleanup.add('stream client', () => socket.close());
  socket.on('delta', (d: Delta) => {
    for (const e of d.events) if (e.kind === 'connection.closed' && e.connection?.startsWith(PREFIX)) seen.set(e.connection, e);
    if (d.selfHealth) health = d.selfHealth;
  });

  const brokerClosed = async () => (await bb.mgmt.get<{ churn_rates?: { connection_closed?: number } }>('/api/overview')).churn_rates?.connection_closed ?? NaN;
  const closedBefore = await brokerClosed();
  const pool = await Promise.all(Array.from({ length: 40 }, () => freePort()));
  const churn = new Churn({ amqpUrl: bb.broker.amqpUrl, perSecond: rate, prefix: PREFIX, portPool: [...new Set(pool)] });
  const startedAt = Date.now();
  churn.start();
  cleanup.add('churn', () => churn.stop());

  const samples: Sample[] = [];
  const sample = () => {
    const m = memory(app.process.pid!);
    const s: Sample = { atMin: (Date.now() - startedAt) / 60_000, rssMb: m.rssBytes / 2 ** 20, heapMb: health?.heapUsedBytes === undefined ? null : health.heapUsedBytes / 2 ** 20 };
    samples.push(s);
    log(`${s.atMin.toFixed(1)} min: rss ${s.rssMb.toFixed(0)} MB, heap ${s.heapMb?.toFixed(0) ?? '?'} MB; opened ${churn.counts.opened}, closed ${churn.closedNames.length}, seen ${seen.size}, notifications ${receiver.requests.length}`);
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
  clearInterval(sampler);
  await churn.stop();
  log(`churn stopped; waiting ${DRAIN_MS / 1000} s for the last closes`);
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  sample();
  const brokerClosedDuring = (await brokerClosed()) - closedBefore;

  const lost = churn.closedNames.filter((n) => !seen.has(n));
  const perKey = new Map<string, number>();
  for (const r of receiver.requests) {
    const key = String(r.headers['idempotency-key'] ?? '');
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  // The RSS slope is judged after warm-up: over the last 20 minutes (the last two thirds of a shorter run).
  const fromMin = minutes >= 30 ? minutes - 20 : minutes / 3;
  return {
    at: new Date(startedAt).toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(),
    minutes,
    ratePerSecond: rate,
    churn: churn.counts,
    closesMade: churn.closedNames.length,
    closesSeen: churn.closedNames.length - lost.length,
    closesLost: lost.length,
    lostExamples: lost.slice(0, 10),
    brokerConnectionClosed: brokerClosedDuring,
    bySource: countBy([...seen.values()], (e) => e.source),
    rss: { firstMb: samples[0]?.rssMb ?? null, lastMb: samples.at(-1)?.rssMb ?? null, maxMb: Math.max(...samples.map((s) => s.rssMb)), slopeMbPerMin: slopePerMinute(samples, fromMin, (s) => s.rssMb), slopeFromMin: fromMin },
    heap: { lastMb: samples.at(-1)?.heapMb ?? null, slopeMbPerMin: slopePerMinute(samples, fromMin, (s) => s.heapMb) },
    notifications: { requests: receiver.requests.length, keys: perKey.size, mostPerKey: Math.max(0, ...perKey.values()) },
    samples,
  };
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

const cleanup = new Cleanup();
cleanup.installSignalHandlers();
run(cleanup)
  .then(async (result) => {
    await cleanup.run();
    const { samples, ...figures } = result;
    writeFileSync(join(ROOT, 'scripts/soak/last-run.json'), JSON.stringify(result, null, 2) + '\n');
    if (process.argv.includes('--write')) {
      const file = join(ROOT, 'BENCHMARKS.md');
      writeFileSync(file, withSoakSection(readFileSync(file, 'utf8'), renderSoakSection(result)));
      log('wrote the soak section of BENCHMARKS.md');
    }
    process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
    log(samples.length ? 'written scripts/soak/last-run.json' : 'no samples');
    process.exit(result.closesLost === 0 ? 0 : 1);
  })
  .catch(async (err: unknown) => {
    log(`soak failed: ${(err as Error).stack ?? String(err)}`);
    await cleanup.run();
    process.exit(2);
  });
