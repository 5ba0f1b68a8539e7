import path from 'node:path';
import type { HistoryConfig } from '../config/schema';
import { createLogger, type Logger } from '../log';
import { startWorker } from '../start-worker';
import { HistoryHealthMonitor, type HistoryHealthSink } from './history-health';
import type { WorkerInit } from './protocol';
import { HistoryOpenError } from './open-error';
import { SqliteHistory } from './sqlite-history';

export type { History, AlertTransition, SeriesResolution } from './types';
export type { PruneCounts } from './protocol';
export type { SqliteHistory } from './sqlite-history';
export type { HistoryHealthSink, HistoryWriteReporter } from './history-health';
export { HistoryOpenError, HistoryHealthMonitor };

/** Writes arriving within this window share one transaction. */
const BATCH_MS = 100;
/** A stat of the path every few seconds: a deleted data folder shows within the self-health tick after. */
const FILE_CHECK_MS = 5000;

export interface OpenHistoryOptions {
  /** Clock for retention, the resolved-alert window and the series resolution; injectable for tests. */
  now?: () => number;
  /** Where records that could not be stored are logged. */
  log?: Logger;
  /** Told about failing writes and a lost file or worker; by default one that only logs. */
  health?: HistoryHealthSink;
  /** How often the worker checks that the path still names the open file. */
  fileCheckMs?: number;
}

/**
 * Opens the history file in its own worker thread, migrates it, and prunes
 * what has outlived its retention. Rejects with a HistoryOpenError when the
 * file cannot be used; call `close()` on shutdown to commit the last batch.
 */
export async function openHistory(config: HistoryConfig, opts: OpenHistoryOptions = {}): Promise<SqliteHistory> {
  const file = path.resolve(config.database);
  const worker = startWorker(new URL('./history-worker.ts', import.meta.url), {
    workerData: { file, batchMs: BATCH_MS, fileCheckMs: opts.fileCheckMs ?? FILE_CHECK_MS } satisfies WorkerInit,
  });
  const log = opts.log ?? createLogger();
  const health = opts.health ?? new HistoryHealthMonitor({ log });
  const history = new SqliteHistory(worker, { config, now: opts.now ?? Date.now, log, health });
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
