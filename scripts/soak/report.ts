import type { Sample } from './slope';

/**
 * The soak's figures as a section of BENCHMARKS.md. The benchmark rewrites
 * that file whole, so the section sits between markers that both scripts
 * know: the soak replaces it (or appends it), the benchmark carries it over.
 */
const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';

export interface SoakResult {
  at: string;
  /** The commit the app was built from. */
  commit: string;
  minutes: number;
  ratePerSecond: number;
  churn: { opened: number; closed: number; openFailed: number; open: number };
  closesMade: number;
  closesSeen: number;
  closesLost: number;
  lostExamples: string[];
  brokerConnectionClosed: number;
  bySource: Record<string, number>;
  rss: { firstMb: number | null; lastMb: number | null; maxMb: number; slopeMbPerMin: number | null; slopeFromMin: number };
  heap: { lastMb: number | null; slopeMbPerMin: number | null };
  notifications: { requests: number; keys: number; mostPerKey: number };
  samples: Sample[];
}

const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
const slope = (v: number | null) => (v === null ? 'n/a' : `${v >= 0 ? '+' : ''}${v.toFixed(2)} MB/min`);
const verdict = (ok: boolean) => (ok ? '✅ met' : '❌ missed');

export function renderSoakSection(r: SoakResult): string {
  const sources = Object.entries(r.bySource).map(([k, v]) => `${v} by ${k}`).join(', ') || 'none';
  const flat = r.rss.slopeMbPerMin !== null && r.rss.slopeMbPerMin < 1;
  return [
    START,
    '## Soak (connection churn)',
    '',
    `Written by \`npm run soak\` (scripts/soak/), ${r.at.replace('T', ' ').slice(0, 16)} UTC, on commit ${r.commit}: ${r.minutes} min of churn at ${r.ratePerSecond} connections/s on a private node ` +
      '(half from a pool of 40 client ports, so broker names are reused within seconds; most live 0.3–8 s, one in twenty 1–2 min), ' +
      'with the real app (production build, probes, event exchange, alerts, a webhook notifier, SQLite history) watching.',
    '',
    '| Figure | Measured | Target | |',
    '|---|---|---|---|',
    `| Closes made (by the churn) | ${r.closesMade} (broker's \`connection_closed\` count: ${r.brokerConnectionClosed}) | | |`,
    `| Closes reported by rabbitpulse | ${r.closesSeen} (${sources}) | all | ${verdict(r.closesLost === 0)} |`,
    `| Closes lost | ${r.closesLost}${r.lostExamples.length ? ` (e.g. ${r.lostExamples.slice(0, 3).join(', ')})` : ''} | 0 | ${verdict(r.closesLost === 0)} |`,
    `| RSS slope after minute ${r.rss.slopeFromMin.toFixed(0)} | ${slope(r.rss.slopeMbPerMin)} (first ${mb(r.rss.firstMb)}, last ${mb(r.rss.lastMb)}, max ${mb(r.rss.maxMb)}) | < 1 MB/min | ${verdict(flat)} |`,
    `| Heap slope after minute ${r.rss.slopeFromMin.toFixed(0)} | ${slope(r.heap.slopeMbPerMin)} (last ${mb(r.heap.lastMb)}) | | |`,
    `| Notifications | ${r.notifications.requests} requests, ${r.notifications.keys} Idempotency-Keys, at most ${r.notifications.mostPerKey} per key | | |`,
    `| Opens that failed | ${r.churn.openFailed} of ${r.churn.opened + r.churn.openFailed} (a pooled port still held by its previous socket) | | |`,
    '',
    END,
  ].join('\n');
}

/** The soak section of a BENCHMARKS.md, or null when it has none. */
export function soakSectionOf(markdown: string): string | null {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  return start >= 0 && end > start ? markdown.slice(start, end + END.length) : null;
}

/** The markdown with its soak section replaced, or the section appended when there was none. */
export function withSoakSection(markdown: string, section: string): string {
  const old = soakSectionOf(markdown);
  if (old) return markdown.replace(old, section);
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
