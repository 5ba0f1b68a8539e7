import path from 'node:path';
import type { HistoryConfig } from '../config/schema';
import { createLogger, type Logger } from '../log';
import { startWorker } from '../start-worker';
import type { WorkerInit } from './protocol';
import { HistoryOpenError } from './open-error';
import { SqliteHistory } from './sqlite-history';

export type { History, AlertTransition, SeriesResolution } from './types';
export type { PruneCounts } from './protocol';
export type { SqliteHistory } from './sqlite-history';
export { HistoryOpenError };

/** Writes arriving within this window share one transaction. */
const BATCH_MS = 100;

export interface OpenHistoryOptions {
  /** Clock for retention, the resolved-alert window and the series resolution; injectable for tests. */
  now?: () => number;
  /** Where failed background writes and a worker crash are reported. */
  log?: Logger;
}

/**
 * Opens the history file in its own worker thread, migrates it, and prunes
 * what has outlived its retention. Rejects with a HistoryOpenError when the
 * file cannot be used; call `close()` on shutdown to commit the last batch.
 */
export async function openHistory(config: HistoryConfig, opts: OpenHistoryOptions = {}): Promise<SqliteHistory> {
  const file = path.resolve(config.database);
  const worker = startWorker(new URL('./history-worker.ts', import.meta.url), {
    workerData: { file, batchMs: BATCH_MS } satisfies WorkerInit,
  });
  const history = new SqliteHistory(worker, { config, now: opts.now ?? Date.now, log: opts.log ?? createLogger() });
  try {
    await history.opened;
  } catch (err) {
    await history.close();
    if (err instanceof HistoryOpenError) throw err;
    throw new HistoryOpenError(`history database ${file}: ${(err as Error).message} before opening it; check the installation (tsx, better-sqlite3)`);
  }
  try {
    await history.prune();
  } catch (err) {
    await history.close();
    throw new HistoryOpenError(`history database ${file}: cannot be written (${(err as Error).message}); check that the disk has space and the file and its folder are writable`);
  }
  return history;
}
