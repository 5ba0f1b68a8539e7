import type { Results } from '../results';
import type { Detection } from '../measure/detection';
import type { WireCondition } from '../measure/wire-cost';
import { max, mean, median, percentile } from '../support/stats';
import { bytes, int, ms, ratio, sec } from './format';
import { brokerLogSection } from './broker-log-figures';

export type Verdict = 'met' | 'missed' | 'info';
export type TargetId = 'poll-ratio' | 'rss' | 'loop' | 'wire-poll' | 'wire-total' | 'probe' | 'event-exchange' | 'poll-path' | 'broker-log-added' | 'frames';

/** One line of the report: a figure, and where the issue sets one, its target and whether it was met. */
export interface Figure {
  /** Set on figures with a target, to look up what could be done when it is missed (advice.ts). */
  id?: TargetId;
  label: string;
  value: string;
  target?: string;
  verdict: Verdict;
  /** For a missed target: the measured reason. */
  reason?: string;
}

export interface Section {
  title: string;
  figures: Figure[];
}

const judged = (ok: boolean): Verdict => (ok ? 'met' : 'missed');
const KB = 1024;
const MB = 1024 * 1024;

export function sections(r: Results): Section[] {
  return [pollSection(r), wireSection(r), detectionSection(r), ...(r.brokerLog ? [brokerLogSection(r, r.brokerLog)] : []), ...(r.browser ? [browserSection(r)] : [])];
}

function pollSection(r: Results): Section {
  const p = r.pollCost;
  const cycle = median(p.cycles.map((c) => c.cycleMs));
  const fetch = median(p.cycles.map((c) => c.fetchMs));
  const main = median(p.cycles.map((c) => c.mainMs));
  const f = r.fetchFloor;
  const plain = median(f.parallelMs);
  const plainApp = median(f.appConcurrencyMs);
  const cycleRatio = cycle / plain;
  const p99s = p.serverLoop.map((l) => l.p99Ms);
  const worstP99 = max(p99s);
  return {
    title: 'Poll cost',
    figures: [
      {
        label: 'Full poll cycle, median (poll start → delta sent)',
        value: `${ms(cycle)} (min ${ms(Math.min(...p.cycles.map((c) => c.cycleMs)))}, max ${ms(max(p.cycles.map((c) => c.cycleMs)))}, ${p.cycles.length} cycles)`,
        verdict: 'info',
      },
      { label: '… of which fetch + parse in the poll worker', value: ms(fetch), verdict: 'info' },
      { label: '… of which main thread (derive, diff, store, emit)', value: ms(main), verdict: 'info' },
      {
        label: 'Plain GETs of the same 6 endpoints all at once, then the live connection names, median (no app running)',
        value: `${ms(plain)} (min ${ms(Math.min(...f.parallelMs))}, max ${ms(max(f.parallelMs))}; ${f.parallelMs.length} runs, ${bytes(f.bodyBytes)} of JSON)`,
        verdict: 'info',
      },
      { label: `Plain GETs at the app's concurrency (${r.appConcurrency}), median`, value: `${ms(plainApp)} (${f.appConcurrencyMs.length} runs)`, verdict: 'info' },
      {
        id: 'poll-ratio',
        label: 'Poll cycle ÷ plain parallel GETs',
        value: ratio(cycleRatio),
        target: '≤ 1.3×',
        verdict: judged(cycleRatio <= 1.3),
        reason: `fetch + parse ${ms(fetch)} against ${ms(plain)} for the bodies alone (${ms(plainApp)} when fetched ${r.appConcurrency} at a time, as the app does); main thread ${ms(main)}`,
      },
      {
        label: 'Backend CPU per cycle (all threads)',
        value: `${sec(p.cpuPerCycleSec)} (main thread ${sec(p.mainThreadCpuPerCycleSec)}); with no load: ${sec(r.baseline.cpuPerCycleSec)} (main thread ${sec(r.baseline.mainThreadCpuPerCycleSec)})`,
        verdict: 'info',
      },
      {
        id: 'rss',
        label: 'Backend RSS while polling (max sampled; peak since start)',
        value: `${bytes(p.rssMaxBytes)} (peak ${bytes(p.peakRssBytes)}); with no load: ${bytes(r.baseline.rssBytes)}`,
        target: `≤ 300 MB at ${int(r.sizes.connections)} connections`,
        verdict: judged(p.rssMaxBytes <= 300 * MB),
        reason: `${bytes(r.baseline.rssBytes)} with no load; ${bytes(p.rssMaxBytes - r.baseline.rssBytes)} added by ${int(r.load.connections)} connections. Before any data, step by step: ${anatomy(r)}`,
      },
      { label: 'RSS before any data, step by step (a separate process taking the server\'s start-up steps)', value: anatomy(r), verdict: 'info' },
      {
        id: 'loop',
        label: 'Server event-loop delay p99, worst 5 s window (each holds one poll)',
        value: `${ms(worstP99)} (median window ${ms(median(p99s))}; max single delay ${ms(max(p.serverLoop.map((l) => l.maxMs)))}; ${p99s.length} windows)`,
        target: '≤ 50 ms',
        verdict: judged(worstP99 <= 50),
        reason: `worst window p99 ${ms(worstP99)}; the main thread spends ${sec(p.mainThreadCpuPerCycleSec)} of CPU per cycle`,
      },
      { label: 'GET /api/connections?columns=name alone, median', value: `${ms(median(f.namesOnlyMs))} (${bytes(f.namesOnlyBytes)})`, verdict: 'info' },
    ],
  };
}

/** "node 40 MB, then three worker threads +12 MB, …" */
function anatomy(r: Results): string {
  return r.rssAnatomy.map((s, i) => (i === 0 ? `${s.step} ${bytes(s.rssBytes)}` : `${s.step} +${bytes(s.rssBytes - r.rssAnatomy[i - 1]!.rssBytes)}`)).join(', then ');
}

function wireSection(r: Results): Section {
  const idle = summarise(r.wireIdle);
  const changed = summarise(r.wireChanged);
  const n = r.wireIdle.intervals.length;
  const queuesPage = r.wireIdleQueuesPage ? summarise(r.wireIdleQueuesPage) : null;
  return {
    title: 'Wire cost (one socket.io client on the connections page, raw WebSocket frames)',
    figures: [
      {
        label: 'Snapshot on connect',
        value: bytes(r.snapshotBytes) + (r.snapshotBytesQueuesPage ? `; on the queues page, which also gets every queue row: ${bytes(r.snapshotBytesQueuesPage)}` : ''),
        verdict: 'info',
      },
      {
        label: 'Sequence gaps at the client while watching (each answered with a whole snapshot)',
        value: `${r.wireIdle.gaps} while nothing changed, ${r.wireChanged.gaps} with 1% changed`,
        verdict: 'info',
      },
      { label: 'Alert changes sent while nothing changed (rule, new state: count)', value: alertList(r.wireIdle.alertChanges), verdict: 'info' },
      {
        id: 'wire-poll',
        label: `Poll delta when nothing changed, mean over ${n} polls`,
        value:
          `${bytes(idle.poll.mean)} (median ${bytes(idle.poll.median)}, max ${bytes(idle.poll.max)}); ${int(idle.upserts)} connections re-sent per poll on average, ${int(idle.trafficOnly)} of them only for traffic counters; ` +
          `${int(idle.recvMoved)} connections heard from (a heartbeat) named in recvMoved, ${bytes(idle.recvMovedBytes)}`,
        target: '≤ 2 KB per poll',
        verdict: judged(idle.poll.mean <= 2 * KB),
        reason:
          `of the ${int(r.load.connections)} idle connections, ${int(idle.upserts)} are re-sent per poll on average (${bytes(idle.rowBytes)} of rows), ` +
          `fields that changed in re-sent rows, per poll on average: ${idle.fields}. ` +
          `${int(idle.recvMoved)} heartbeats are named by handle (${bytes(idle.recvMovedBytes)}). ` +
          `The rest of the delta (summary, chart point, queue rows ${bytes(idle.queueRowBytes)}) is ${bytes(idle.poll.mean - idle.rowBytes - idle.recvMovedBytes)}`,
      },
      ...(queuesPage
        ? [
            {
              label: 'Poll delta when nothing changed, at a client on the queues page (every queue row streamed), mean',
              value: `${bytes(queuesPage.poll.mean)} (median ${bytes(queuesPage.poll.median)}, max ${bytes(queuesPage.poll.max)}); queue rows ${bytes(queuesPage.queueRowBytes)} per poll on average`,
              verdict: 'info' as const,
            },
          ]
        : []),
      {
        id: 'wire-total',
        label: 'Everything sent per poll interval when nothing changed, mean',
        value: `${bytes(idle.total.mean)} (median ${bytes(idle.total.median)}; by kind: ${idle.kinds})`,
        target: '≤ 2 KB per poll',
        verdict: judged(idle.total.mean <= 2 * KB),
        reason: `per poll interval, by kind of delta: ${idle.kinds}`,
      },
      {
        label: `Poll delta with 1% of connections changed (${int(r.wireChanged.touchedPerPoll)} per poll), mean`,
        value: `${bytes(changed.poll.mean)} (median ${bytes(changed.poll.median)}); ${int(changed.upserts)} connections re-sent per poll; fields that changed: ${changed.fields}`,
        verdict: 'info',
      },
      { label: 'Everything sent per poll interval with 1% changed, mean', value: bytes(changed.total.mean), verdict: 'info' },
    ],
  };
}

function alertList(changes: Record<string, number>): string {
  const list = Object.entries(changes).sort((a, b) => b[1] - a[1]);
  return list.length ? list.map(([k, n]) => `${k}: ${int(n)}`).join(', ') : 'none';
}

const spread = (list: number[]) => ({ mean: mean(list), median: median(list), max: max(list) });

function summarise(c: WireCondition) {
  const n = c.intervals.length;
  const fieldTotals: Record<string, number> = {};
  for (const i of c.intervals) for (const [f, k] of Object.entries(i.changedFields)) fieldTotals[f] = (fieldTotals[f] ?? 0) + k / n;
  const fields =
    Object.entries(fieldTotals)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([f, k]) => `${f} ${int(k)}`)
      .join(', ') || 'none';
  const kindTotals: Record<string, number> = {};
  for (const i of c.intervals) for (const [k, b] of Object.entries(i.byKind)) kindTotals[k] = (kindTotals[k] ?? 0) + b / n;
  const kinds = Object.entries(kindTotals)
    .sort((a, b) => b[1] - a[1])
    .map(([k, b]) => `${k} ${bytes(b)}`)
    .join(', ');
  return {
    poll: spread(c.intervals.map((i) => i.pollBytes)),
    total: spread(c.intervals.map((i) => i.totalBytes)),
    upserts: mean(c.intervals.map((i) => i.upserts)),
    trafficOnly: mean(c.intervals.map((i) => i.trafficOnly)),
    // Absent in results recorded before recvMoved existed.
    recvMoved: mean(c.intervals.map((i) => i.recvMoved ?? 0)),
    recvMovedBytes: mean(c.intervals.map((i) => i.recvMovedBytes ?? 0)),
    rowBytes: mean(c.intervals.map((i) => i.connectionRowBytes)),
    queueRowBytes: mean(c.intervals.map((i) => i.queueRowBytes)),
    fields,
    kinds,
  };
}

function detectionSection(r: Results): Section {
  const limit = r.pollIntervalMs + 1000;
  return {
    title: 'Reset detection (DELETE sent → event at a socket.io client)',
    figures: [
      detectionFigure('probe', r.probe, 100),
      detectionFigure('event-exchange', r.eventExchange, 100),
      detectionFigure('poll-path', r.pollPath, limit, `p99 ≤ one poll interval + 1 s (${ms(limit)})`),
    ],
  };
}

function detectionFigure(id: TargetId, d: Detection, limitMs: number, target = `p99 ≤ ${limitMs} ms`): Figure {
  const p99 = percentile(d.shownMs, 99);
  const sources = Object.entries(d.sources)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const seen = `${d.latencyMs.length} resets${d.missed ? `, ${d.missed} not seen within 30 s` : ''}`;
  const arrival = `delta arrived: p50 ${ms(median(d.latencyMs))}, p99 ${ms(percentile(d.latencyMs, 99))}`;
  const listed = d.listedMs.length ? `; still found by GET /api/connections/<name> (uncached) after the DELETE: p50 ${ms(median(d.listedMs))}, p99 ${ms(percentile(d.listedMs, 99))}` : '';
  const broker =
    `broker's own connection.closed: p50 ${ms(median(d.brokerMs))}, p99 ${ms(percentile(d.brokerMs, 99))}${listed}; ` +
    `rabbitpulse's own share (broker's event → client view): p50 ${ms(median(d.ownMs))}, p99 ${ms(percentile(d.ownMs, 99))}`;
  return {
    id,
    label: `${d.label}: in the client's view`,
    value: `p50 ${ms(median(d.shownMs))}, p99 ${ms(p99)}, max ${ms(max(d.shownMs))} (${arrival}; ${broker}; ${seen}; first seen by ${sources || 'none'}; ${d.gaps} sequence gaps)`,
    target,
    verdict: judged(p99 <= limitMs && d.missed === 0 && d.shownMs.length >= 50),
    reason:
      d.shownMs.length < 50
        ? `only ${d.shownMs.length} resets measured (a quick run); the target needs ≥ 50`
        : `p99 ${ms(p99)} in the view, ${ms(percentile(d.latencyMs, 99))} for the delta to arrive, against the broker's own ${ms(percentile(d.brokerMs, 99))} ` +
          `(the DELETE itself waits while the management API serves a poll); rabbitpulse's own share p99 ${ms(percentile(d.ownMs, 99))}; ${d.gaps} sequence gaps`,
  };
}

function browserSection(r: Results): Section {
  const b = r.browser!;
  const frames = (f: typeof b.passive) =>
    `median ${ms(f.medianMs)}, p95 ${ms(f.p95Ms)}, p99 ${ms(f.p99Ms)}, max ${ms(f.maxMs)}; ${f.late} late of ${int(f.frames)} frames; ${f.longTasks} long tasks (${ms(f.longTaskMs)}), LoAF blocking ${ms(f.blockingMs)} over ${f.seconds} s`;
  return {
    title: `Browser (${b.chromium}, connections page)`,
    figures: [
      { label: 'Time to first render (navigation → first connection row)', value: `${ms(b.firstRowMs)} (${b.toolbarCount}; snapshot frame ${bytes(b.snapshotBytes)}; first contentful paint ${ms(b.firstContentfulPaintMs ?? NaN)})`, verdict: 'info' },
      {
        id: 'frames',
        label: 'Frame interval during live updates, median',
        value: frames(b.passive),
        target: '≤ 16 ms (one 60 Hz frame, 16.7 ms, is the floor of a rAF interval)',
        verdict: judged(b.passive.medianMs <= 17),
        reason: `median ${ms(b.passive.medianMs)}; ${b.passive.longTasks} long tasks`,
      },
      { label: 'Frame interval while scrolling during live updates', value: frames(b.scrolling), verdict: 'info' },
    ],
  };
}
