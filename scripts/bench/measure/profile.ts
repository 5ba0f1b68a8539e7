import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../../test/support/app';

/**
 * With `--profile`, the app under test runs with V8's sampling CPU profiler
 * in every thread (app/cpu-profile-preload.mjs), and the report lists where
 * each thread spent its time. Diagnostic: the profiler adds a little
 * overhead, so figures from a profiled run are a few percent high.
 */
export const PROFILE_PRELOAD = new URL('../app/cpu-profile-preload.mjs', import.meta.url).href;

export function profileEnv(dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  return { RABBITPULSE_BENCH_PROFILE_DIR: dir };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ThreadProfile {
  /** `main`, or a worker named for what dominates it (poll, probe, history). */
  thread: string;
  /** Sampled time that was not idle. */
  busyMs: number;
  wallMs: number;
  /** This thread's V8 heap at its last profile chunk (getHeapStatistics), if written. */
  heap: { totalBytes: number; usedBytes: number; externalBytes: number } | null;
  /** Self time by function and by module (package or source folder), largest first. */
  functions: Array<{ name: string; ms: number }>;
  modules: Array<{ name: string; ms: number }>;
}

/** Merges the chunks each thread wrote (`<thread>.<chunk>.cpuprofile`) and ranks self time. */
export function summariseProfiles(dir: string, top = 12): ThreadProfile[] {
  const byThread = new Map<string, string[]>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const thread = f.split('.')[0]!;
    byThread.set(thread, [...(byThread.get(thread) ?? []), f]);
  }
  return [...byThread]
    .map(([thread, files]) => ({
      ...summarise(thread, files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile), top),
      heap: heapOf(join(dir, `${thread}.heap.json`)),
    }))
    .map((t) => ({ ...t, thread: t.thread === '0' ? 'main thread' : `${roleOf(t)} (thread ${t.thread})` }))
    .sort((a, b) => b.busyMs - a.busyMs);
}

const IDLE = new Set(['(idle)', '(program)']);

function heapOf(file: string): ThreadProfile['heap'] {
  if (!existsSync(file)) return null;
  const h = JSON.parse(readFileSync(file, 'utf8')) as { total_heap_size: number; used_heap_size: number; external_memory: number };
  return { totalBytes: h.total_heap_size, usedBytes: h.used_heap_size, externalBytes: h.external_memory };
}

function summarise(thread: string, profiles: CpuProfile[], top: number): Omit<ThreadProfile, 'heap'> {
  const byFn = new Map<string, number>();
  const byModule = new Map<string, number>();
  let busy = 0;
  let wallMs = 0;
  for (const p of profiles) {
    const chunkMs = (p.endTime - p.startTime) / 1000;
    wallMs += chunkMs;
    const perSample = chunkMs / Math.max(1, p.samples.length);
    for (const n of p.nodes) {
      const ms = (n.hitCount ?? 0) * perSample;
      const fn = n.callFrame.functionName;
      if (!ms || IDLE.has(fn)) continue;
      busy += ms;
      // V8's own entries ("(garbage collector)") have no source; a nameless JS function does.
      const pseudo = fn.startsWith('(') && !n.callFrame.url;
      const where = location(n.callFrame.url);
      add(byFn, pseudo ? fn : `${fn || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`, ms);
      add(byModule, pseudo ? fn : moduleOf(where), ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms }));
  return { thread, busyMs: busy, wallMs, functions: sorted(byFn), modules: sorted(byModule) };
}

/** Worker threads have no names; tell them apart by the code that runs in them. */
function roleOf(t: Pick<ThreadProfile, 'modules'>): string {
  const names = t.modules.map((m) => m.name).join(' ');
  if (names.includes('server/sources/management')) return 'poll worker';
  if (names.includes('server/persistence') || names.includes('better-sqlite3')) return 'history worker';
  if (names.includes('server/sources') || names.includes('amqplib')) return 'probe worker';
  return 'worker';
}

function add(m: Map<string, number>, key: string, ms: number): void {
  m.set(key, (m.get(key) ?? 0) + ms);
}

function location(url: string): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

/** `node_modules/<pkg>` (scoped packages keep their scope), a source folder such as `server/state`, or node's own. */
function moduleOf(where: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (nm) return nm[1]!;
  if (where.startsWith('node:') || !where.includes('/')) return where.startsWith('node:') ? 'node internals' : where;
  return where.split('/').slice(0, -1).join('/');
}
