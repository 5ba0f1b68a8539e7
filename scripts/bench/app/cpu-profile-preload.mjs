// Loaded into the app under test with NODE_OPTIONS=--import (measure/profile.ts),
// because Node refuses --cpu-prof in NODE_OPTIONS and test/support's startApp
// takes no Node flags. NODE_OPTIONS reaches the worker threads too, so every
// thread profiles itself through its own in-process inspector (whose calls
// answer synchronously) and writes `<thread id>.<chunk>.cpuprofile`, and
// its V8 heap statistics to `<thread id>.heap.json`.
// Plain JavaScript: it loads before tsx is registered.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';

const dir = process.env.RABBITPULSE_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) => {
    let result;
    session.post(method, params, (err, r) => {
      if (err) throw err;
      result = r;
    });
    return result;
  };
  post('Profiler.enable');
  post('Profiler.start');
  let chunk = 0;
  // In chunks, so a profile survives however the process ends.
  const flush = () => {
    const { profile } = post('Profiler.stop');
    writeFileSync(join(dir, `${threadId}.${String(chunk++).padStart(4, '0')}.cpuprofile`), JSON.stringify(profile));
    // This thread's V8 heap, latest only: which thread holds the memory.
    writeFileSync(join(dir, `${threadId}.heap.json`), JSON.stringify(getHeapStatistics()));
    post('Profiler.start');
  };
  setInterval(flush, 15_000).unref();
  // A worker ended by terminate() runs no exit hooks; its last chunk (≤ 15 s) is lost.
  process.on('exit', () => flush());
}
