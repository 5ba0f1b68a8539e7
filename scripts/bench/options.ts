/**
 * Sizes of a run. The full size is the issue's: 5,000 connections, 10,000
 * channels, 2,000 queues. `--quick` keeps every phase but shrinks it, for
 * development on a shared two-core machine.
 */
export interface Sizes {
  label: 'full' | 'quick';
  connections: number;
  /** Node processes the connections are spread over. */
  loaders: number;
  channelsPerConnection: number;
  queues: number;
  /** Messages published to each queue before the consumers start (most end up unacked). */
  messagesPerQueue: number;
  /** Poll cycles timed for the poll-cost figures. */
  pollCycles: number;
  /**
   * Poll intervals observed for each wire-cost condition. Idle connections
   * still exchange heartbeats (the broker's every 30 s, amqplib's every 60 s
   * at the default timeout), so a full run watches one whole 60 s cycle.
   */
  wirePolls: number;
  /** Resets caused for each detection path. */
  resets: number;
  /** Seconds of frame timing in the browser, for each of the passive and scrolling windows. */
  browserSeconds: number;
  /** Seconds of connection churn for the broker log's CPU cost, once with the log on and once off. */
  churnSeconds: number;
  /** Connections opened (and closed) per second during the churn. */
  churnPerSecond: number;
}

export const FULL: Sizes = {
  label: 'full',
  connections: 5000,
  loaders: 5,
  channelsPerConnection: 2,
  queues: 2000,
  messagesPerQueue: 5,
  pollCycles: 10,
  wirePolls: 12,
  resets: 55,
  browserSeconds: 20,
  churnSeconds: 60,
  churnPerSecond: 10,
};

export const QUICK: Sizes = {
  label: 'quick',
  connections: 300,
  loaders: 2,
  channelsPerConnection: 2,
  queues: 120,
  messagesPerQueue: 5,
  pollCycles: 4,
  wirePolls: 6,
  resets: 20,
  browserSeconds: 8,
  churnSeconds: 20,
  churnPerSecond: 10,
};

export interface Options {
  sizes: Sizes;
  /** Write BENCHMARKS.md (default for a full run; a quick run only prints unless --write). */
  write: boolean;
  browser: boolean;
  /** Run the app under V8's CPU profiler and report where its threads spend their time. */
  profile: boolean;
  /** Measure nothing: print and write the report again from a saved results file. */
  render: string | null;
}

const HELP = `usage: node --import tsx scripts/bench/run.ts [--quick] [--write] [--no-browser] [--profile]
       node --import tsx scripts/bench/run.ts --render <results.json>

  --quick       small sizes (${QUICK.connections} connections) for a fast run; prints only
  --write       also write BENCHMARKS.md after a --quick run
  --no-browser  skip the Chromium measurements
  --profile     run the second (poll-path) app under V8's CPU profiler and report its hot spots and heaps
  --render F    measure nothing; rewrite BENCHMARKS.md from a results file (written next to it as
                scripts/bench/last-run.json by every run that writes the report)
`;

export function parseOptions(argv: string[]): Options {
  const known = new Set(['--quick', '--write', '--no-browser', '--profile', '--help', '-h']);
  const renderAt = argv.indexOf('--render');
  const render = renderAt >= 0 ? (argv[renderAt + 1] ?? '') : null;
  const unknown = argv.filter((a, i) => !known.has(a) && !(renderAt >= 0 && (i === renderAt || i === renderAt + 1)));
  if (render === '') unknown.push('--render needs a file');
  if (argv.includes('--help') || argv.includes('-h') || unknown.length) {
    process.stdout.write((unknown.length ? `unknown option(s): ${unknown.join(' ')}\n` : '') + HELP);
    process.exit(unknown.length ? 2 : 0);
  }
  const quick = argv.includes('--quick');
  return { sizes: quick ? QUICK : FULL, write: !quick || argv.includes('--write'), browser: !argv.includes('--no-browser'), profile: argv.includes('--profile'), render };
}
