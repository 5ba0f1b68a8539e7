import type { Results } from '../results';
import type { ThreadProfile } from '../measure/profile';
import { sections } from './figures';

const MARK = { met: '[met]   ', missed: '[MISSED]', info: '        ' } as const;

/** The figures as plain lines, one per figure, for the terminal. */
export function renderConsole(r: Results): string {
  const lines = [`\nrabbitpulse benchmark (${r.sizes.label}: ${r.sizes.connections} connections), RabbitMQ ${r.broker.version}, ${r.machine.cores} cores\n`];
  for (const s of sections(r)) {
    lines.push(`\n${s.title}`);
    for (const f of s.figures) lines.push(`  ${MARK[f.verdict]} ${f.label}: ${f.value}${f.target ? `   (target ${f.target})` : ''}`);
  }
  if (r.profile) lines.push('', ...profileLines(r.profile));
  return lines.join('\n') + '\n\n';
}

/** Per thread: busy time, then the heaviest modules and functions by self time. */
export function profileLines(threads: ThreadProfile[]): string[] {
  const out = ['CPU profile and V8 heaps of the app (self time over the poll-path app run, event exchange off)'];
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  for (const t of threads) {
    const heap = t.heap ? `; V8 heap ${mb(t.heap.usedBytes)} used of ${mb(t.heap.totalBytes)}, external ${mb(t.heap.externalBytes)}` : '';
    out.push(`  ${t.thread}: busy ${Math.round(t.busyMs)} ms of ${Math.round(t.wallMs)} ms${heap}`);
    out.push(`    modules: ${t.modules.map((m) => `${m.name} ${Math.round(m.ms)}`).join(', ')}`);
    for (const f of t.functions) out.push(`    ${String(Math.round(f.ms)).padStart(7)} ms  ${f.name}`);
  }
  return out;
}
