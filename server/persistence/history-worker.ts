/**
 * Worker-thread entry: owns the SQLite connection so that no disk wait ever
 * lands on the main event loop, where it would delay polls, probes and
 * sockets. Fire-and-forget writes are queued and committed together once the
 * batch window passes; any call (a read, a flush, an outbox write) first
 * commits what is queued, so it sees every write posted before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fileLostProblem, identityOf } from './file-identity';
import { HistoryDb, type WriteFailure } from './history-db';
import { openDatabase } from './open';
import type { Call, CallResults, FromWorker, ToWorker, WorkerInit, WriteOp } from './protocol';
import { isRecordError, writeProblem } from './write-problem';

if (!parentPort) throw new Error('history-worker.ts must run as a worker thread');
const port = parentPort;
const init = workerData as WorkerInit;

const send = (message: FromWorker) => port.postMessage(message);

function start(): void {
  let store: HistoryDb;
  try {
    store = new HistoryDb(openDatabase(init.file));
  } catch (err) {
    send({ type: 'fatal', message: (err as Error).message });
    return;
  }
  watchFile();
  const queued: WriteOp[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** Whether the last commit had store failures: the next one that has none says so, once. */
  let failing = false;

  /**
   * Commits everything queued. Failures of fire-and-forget writes are reported
   * here; the first failure among `own` (a call's writes) is returned for its reply.
   */
  const commit = (own: readonly WriteOp[] = []): Error | null => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = queued.splice(0);
    const failures = store.write(batch);
    reportRecords(failures.filter((f) => !own.includes(f.op) && isRecordError(f.error)), batch.length);
    const storeFailures = failures.filter((f) => !isRecordError(f.error));
    if (storeFailures.length > 0) {
      failing = true;
      send({ type: 'writes', ok: false, failed: storeFailures.length, message: writeProblem(init.file, storeFailures[0]!.error) });
    } else if (failing && batch.length > failures.length) {
      failing = false;
      send({ type: 'writes', ok: true });
    }
    return failures.find((f) => own.includes(f.op))?.error ?? null;
  };

  const answer = (call: Call): CallResults[keyof CallResults] => {
    switch (call.kind) {
      case 'commit': {
        for (const op of call.ops) queued.push(op);
        const failed = commit(call.ops);
        if (failed) throw failed;
        return null;
      }
      case 'events':
        return store.loadEvents(call.limit, call.targetId);
      case 'alerts':
        return store.loadAlerts(call.resolvedSince);
      case 'transitions':
        return store.loadTransitions(call.alertId);
      case 'silences':
        return store.loadSilences(call.now);
      case 'series':
        return store.loadSeries(call.targetId, call.from, call.to, call.resolution);
      case 'due':
        return store.due(call.now, call.limit);
      case 'recent':
        return store.recent(call.limit);
      case 'prune':
        return store.prune(call.cutoffs);
      case 'viewer-tokens':
        return store.loadViewerTokens();
      case 'close':
        store.close();
        return null;
    }
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'write') {
      for (const op of message.ops) queued.push(op);
      timer ??= setTimeout(() => commit(), init.batchMs);
      return;
    }
    const { id, call } = message;
    try {
      if (call.kind !== 'commit') commit();
      send({ type: 'reply', id, ok: true, value: answer(call) });
    } catch (err) {
      send({ type: 'reply', id, ok: false, error: (err as Error).message });
    }
  });
  send({ type: 'ready' });
}

function reportRecords(failures: readonly WriteFailure[], of: number): void {
  if (failures.length === 0) return;
  send({ type: 'error', message: `could not store ${failures.length} of ${of} history writes: ${failures[0]!.error.message}` });
}

/**
 * Deleting the data folder under a running rabbitpulse loses history without
 * a single failed write (SQLite goes on writing into the unlinked file), so
 * the path is checked against the file that was opened. When it no longer
 * matches, this says so and goes on as before: reopening a new file at the
 * path would also be possible, but the folder may be gone on purpose (or be
 * the mount point of a volume that went away), and a fresh file silently
 * drops the pending notifications and viewer tokens still held in the old
 * one. A restart makes that a decision someone takes, and the dashboard
 * says it is needed.
 */
function watchFile(): void {
  let opened;
  try {
    opened = identityOf(init.file);
  } catch {
    return; // opened but cannot be stat'ed (permissions): nothing to compare against
  }
  const timer = setInterval(() => {
    const problem = fileLostProblem(init.file, opened);
    if (!problem) return;
    clearInterval(timer);
    send({ type: 'lost', message: problem });
  }, init.fileCheckMs);
  timer.unref();
}

start();
