import { Worker, type WorkerOptions } from 'node:worker_threads';
import path from 'node:path';

/**
 * Starts a worker thread from its TypeScript entry (a URL next to the caller).
 *
 * Compiled (`npm run build` → dist/server, what `npm start` runs): every
 * worker is bundled beside the server under its own base name
 * (scripts/build-server.mjs), so `./fetch-worker.ts` is `./fetch-worker.js`
 * there, and it starts as plain JavaScript. Loading tsx in each thread cost
 * about 30 MB of RSS per worker (BENCHMARKS.md).
 *
 * From source (`npm run dev`, tests of single modules): Node does not pass
 * the `--import tsx` loader hooks on to worker threads, so the worker first
 * registers tsx itself, then imports its entry.
 */
export function startWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (import.meta.url.endsWith('.js')) {
    return new Worker(new URL(`./${path.basename(entry.pathname, '.ts')}.js`, import.meta.url), options);
  }
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(boot, { ...options, eval: true });
}
