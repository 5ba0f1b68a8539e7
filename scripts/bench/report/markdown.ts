import { existsSync, readFileSync } from 'node:fs';
import type { Results } from '../results';
import { ADVICE } from './advice';
import { profileLines } from './console';
import { sections, type Figure } from './figures';
import { int } from './format';

const MARK = { met: '✅ met', missed: '❌ missed', info: '' } as const;
// Figures can quote the app's own output: as text, never as markup.
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** BENCHMARKS.md: the setup, every figure next to its target, and for each missed target the reason and what could be done. */
export function renderMarkdown(r: Results): string {
  const all = sections(r);
  const missed = all.flatMap((s) => s.figures).filter((f) => f.verdict === 'missed');
  const out: string[] = [
    '# rabbitpulse benchmarks',
    '',
    `Written by \`npm run bench${r.sizes.label === 'quick' ? ' -- --quick --write' : ''}\` (scripts/bench/), ${r.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, ` +
      `in ${Math.round((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)} s. Every figure below was measured in that run.`,
    '',
    '## Setup',
    '',
    `- **Machine**: ${r.machine.cores} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB memory, Linux ${r.machine.kernel}, Node ${r.machine.node}. ` +
      'Shared with other work; the broker, rabbitpulse, the load generators, the browser and the benchmark all run on it at once.',
    `- **Broker**: a private RabbitMQ ${r.broker.version} node (Erlang ${r.broker.erlang}) started for the run, never the machine's own; ` +
      `open-file limit ${int(r.broker.fdTotal)} (${r.broker.fdNote}), socket limit ${int(r.broker.socketsTotal)}. Default statistics interval (5 s)` +
      (r.brokerLog ? '; the log exchange on (`log.exchange = true`, `log.exchange.level = info`).' : '.'),
    `- **Load** (${r.sizes.label} size): ${int(r.load.connections)} AMQP connections (amqplib, default 60 s heartbeat) over ${r.sizes.loaders} Node processes, ` +
      `opened in ${Math.round(r.load.openSeconds)} s; ${int(r.load.channels)} channels; ${int(r.load.queues)} queues holding ${int(r.load.messages)} messages at the start; ` +
      `${int(r.load.consumers)} consumers (prefetch 0, 1, 10 and 100 with manual ack that never acks, and auto-ack). ` +
      `The broker counted ${int(r.load.totals.connections)} connections, ${int(r.load.totals.channels)} channels, ${int(r.load.totals.queues)} queues, ` +
      `${int(r.load.totals.consumers)} consumers, ${int(r.load.totals.unacked)} unacked and ${int(r.load.totals.ready)} ready messages (rabbitpulse's own and the benchmark's connections included).`,
    `- **rabbitpulse**: production build, started as \`npm start\` does, with its defaults (poll every ${r.pollIntervalMs / 1000} s, poll concurrency ${r.appConcurrency}, probes and event exchange on${r.brokerLog ? ' with its broker-log subscription' : ''}, alerts and SQLite history on) ` +
      'except: the large-message probe off (its 128 MiB payloads would land in the middle of the timings) and the probe reconnecting after 100 ms instead of 1 s (so 50+ resets fit in a minute).',
    '',
  ];
  for (const s of all) {
    out.push(`## ${s.title}`, '', '| Figure | Measured | Target | |', '|---|---|---|---|');
    for (const f of s.figures) out.push(`| ${cell(f.label)} | ${cell(f.value)} | ${cell(f.target ?? '')} | ${MARK[f.verdict]} |`);
    out.push('');
  }
  out.push('## Missed targets', '');
  if (missed.length === 0) out.push('None.', '');
  for (const f of missed) out.push(...missedEntry(r, f));
  if (r.profile) {
    out.push('## CPU profile and heaps', '', 'With `--profile`, the second app (the poll-path run: same load, same per-poll work, no event exchange) ran under V8\'s sampling profiler in every thread; all figures above except the poll-path latency come from the first, unprofiled app.', '');
    out.push('```', ...profileLines(r.profile), '```', '');
  }
  const tried = whatWasTried();
  if (tried) out.push('## What was tried', '', tried, '');
  out.push('## How it measures', '', ...HOW.map((l) => `- ${l}`), '');
  return out.join('\n');
}

/**
 * The history of changes made because of these figures (runs compared, what was changed, what it did) is
 * kept by hand in scripts/bench/what-was-tried.md and included, so a new run does not lose it.
 */
function whatWasTried(): string | null {
  const file = new URL('../what-was-tried.md', import.meta.url);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

function missedEntry(r: Results, f: Figure): string[] {
  return [`### ${f.label}`, '', `- **Measured**: ${f.value} (target ${f.target}).`, `- **Reason**: ${f.reason ?? 'see the figure'}.`, ...(f.id ? [`- **What could be done**: ${ADVICE[f.id](r)}`] : []), ''];
}

const HOW = [
  'Poll cycle: the poll delta carries the poll\'s start (`summary.observedAt`), how long fetch + parse took in the poll worker (`status.lastPollDurationMs`) and when the worker finished (`status.lastPollAt`); the delta\'s `serverTime` is when the hub sent it. Cycle = serverTime − observedAt.',
  'Plain GETs: the six `ENDPOINTS` with the same `columns=`, then `LIVE_CONNECTIONS_PATH` (as the app polls them), bodies read as text, from the benchmark process, between the two app runs (no rabbitpulse reading the API meanwhile), one fetch every poll interval rotating all six at once, the app\'s concurrency, and the connection names alone — at the app\'s cadence, because the broker caches the connection, channel and queue lists for five times as long as building them took (rabbit_mgmt_db_cache).',
  'CPU and RSS: /proc/<pid>/stat (utime + stime; main thread from /proc/<pid>/task/<pid>/stat) across the timed cycles, RSS sampled every 250 ms from /proc/<pid>/status.',
  'Event-loop delay: the app\'s own `selfHealth` (monitorEventLoopDelay, one report per 5 s window) as streamed over socket.io.',
  'Wire: a real socket.io client (test/support/live-client.ts, applying deltas like the browser); every WebSocket frame the server sent it is counted with its frame header. "1% changed" = that many connections get a new channel prefetch (basic.qos) after each poll.',
  'Detection: time from just before the benchmark sends `DELETE /api/connections/<name>` (with `X-Reason`) to the event being in the socket.io client\'s view (as the browser would show it), and, in brackets, to the delta carrying it arriving. The broker\'s own `connection.closed`, received by the benchmark\'s own event-exchange subscriber, is shown as the floor. Probe resets wait until the management API lists the reconnected probe (up to one 5 s statistics interval) before the next DELETE. Poll path: a second app run with `RABBITPULSE_EVENT_EXCHANGE=off`; the closes are spread at random over the poll intervals, four per interval on average.',
  'Broker log: the private node has `log.exchange = true` and `log.exchange.level = info`, so the first app (defaults: `eventExchange.brokerLog` on, `logWaitMs` 50) holds each close until the broker\'s line about it comes; a third app with `eventExchange.brokerLog: false` (started after the first, same load) repeats the force-closes and the churn. Added = the own share (broker\'s `connection.closed` at the benchmark → event in the client\'s view) with the log minus without, at p50 and p99; a close counts as joined when its first delta has `source: \'broker-log\'`, as refined later when its event id comes again in the broker\'s words. Churn: the soak\'s churn (scripts/soak/churn.ts: a new connection every 100 ms, each closed by its client after 0.3–8 s, one in twenty after 1–2 min, all at the end) for the given seconds plus 3 s; CPU from /proc/<pid>/task/<tid>/stat of the probe worker (each thread of the app records its Linux thread id on start: app/thread-ids-preload.mjs), the main thread and the process. The joiner\'s sizes come from the app\'s self-health (`brokerLogKept`), every 5 s.',
  'Browser: headless Debian Chromium via playwright-core, 1440×900, `/connections`. First render = `performance.now()` when a MutationObserver first sees a `[data-testid="conn-row"]`. Frame intervals = requestAnimationFrame deltas, with `longtask` and `long-animation-frame` observers; live updates (1% of connections changing per poll, probe state every second) flow throughout.',
];

