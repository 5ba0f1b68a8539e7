import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuTimes, threadCpuSec } from '../support/proc';

/**
 * Which Linux thread of the app is which of its threads, as each thread wrote
 * it on start (app/thread-ids-preload.mjs), so one worker's CPU time can be
 * read from /proc while the app runs, with no profiler in the way.
 */
export const THREAD_IDS_PRELOAD = new URL('./thread-ids-preload.mjs', import.meta.url).href;

export function threadIdsEnv(dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  return { RABBITPULSE_BENCH_THREADS_DIR: dir };
}

interface ThreadEntry {
  threadId: number;
  tid: number;
  script: string | null;
}

/** The Linux thread id of the app's thread running `script` (e.g. `probe-worker.js`), once it has written it; throws if more than one did. */
export function threadOf(dir: string, script: string): number | undefined {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ThreadEntry)
    .filter((e) => e.script === script);
  if (entries.length > 1) throw new Error(`expected one app thread running ${script}, found ${entries.length} in ${dir}`);
  return entries[0]?.tid;
}

/** CPU seconds so far of the whole app, its main thread and its probe worker (every AMQP subscription runs there). */
export interface AppCpu {
  processSec: number;
  mainThreadSec: number;
  probeWorkerSec: number;
}

export function appCpu(pid: number, probeWorkerTid: number): AppCpu {
  return { ...cpuTimes(pid), probeWorkerSec: threadCpuSec(pid, probeWorkerTid) };
}
