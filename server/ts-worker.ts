import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a TypeScript file. Node does not pass the
 * `--import tsx` loader hooks on to worker threads, so the worker first
 * registers tsx itself, then imports its entry. tsx is resolved here, from
 * the server's own location, so the working directory does not matter.
 */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(boot, { ...options, eval: true });
}
