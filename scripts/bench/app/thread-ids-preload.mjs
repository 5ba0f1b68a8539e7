// Loaded into every bench app with NODE_OPTIONS=--import (app/threads.ts), which
// reaches the worker threads too. Each thread writes `<thread id>.json` with its
// Linux thread id (so the benchmark can read that thread's CPU time from
// /proc/<pid>/task/<tid>/stat without a profiler) and its entry script (in a
// worker, process.argv[1] is the worker's file: probe-worker.js, …), because
// Node 20 leaves every thread named "node".
// Plain JavaScript: it loads before anything else in the thread.
import { readlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { threadId } from 'node:worker_threads';

const dir = process.env.RABBITPULSE_BENCH_THREADS_DIR;
if (dir) {
  // /proc/thread-self links to <pid>/task/<tid> of the thread that reads it.
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  const script = process.argv[1] ? basename(process.argv[1]) : null;
  writeFileSync(join(dir, `${threadId}.json`), JSON.stringify({ threadId, tid, script }));
}
