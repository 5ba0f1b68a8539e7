import type { Worker } from 'node:worker_threads';
import type { Alert, PulseEvent, Silence, TargetSample } from '../contract';
import type { HistoryConfig } from '../config/schema';
import type { OutboxItem } from '../alerts/types';
import type { Logger } from '../log';
import type { HistoryHealthSink } from './history-health';
import type { Call, CallResults, FromWorker, PruneCounts, ToWorker, WriteOp } from './protocol';
import { HistoryOpenError } from './open-error';
import { retentionCutoffs, seriesResolution } from './retention';
import { alertRow, eventRow, outboxRow, sampleRow, silenceRow } from './rows';
import type { AlertTransition, History, SeriesResolution } from './types';
import type { ViewerTokenPersistence, ViewerTokenRecord } from '../auth/viewer-tokens';

/**
 * Writes per message. Posting is a structured clone on this thread, so a
 * burst goes out in chunks, one per turn of the event loop, and a poll or a
 * socket frame can run between any two of them. Calls queue behind the
 * writes made before them, so they see those writes without this thread
 * ever posting a whole burst at once.
 */
const CHUNK = 500;
const PRUNE_EVERY_MS = 60_000;
const DAMAGED_LOG_EVERY_MS = 60_000;

export interface SqliteHistoryOptions {
  config: HistoryConfig;
  /** Clock for retention, the resolved-alert window and the series resolution. */
  now: () => number;
  log: Logger;
  /** Told about failed writes, and about the file or the worker being lost. */
  health: HistoryHealthSink;
}

type CallMessage = Extract<ToWorker, { type: 'call' }>;

interface PendingCall {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * The main thread's side of the history: records are turned into rows here
 * (a snapshot at record time) and posted to the history worker, which owns
 * the SQLite file. Nothing here waits on the disk.
 *
 * If the worker ever dies, calls reject with the reason and writes are
 * dropped; the history's health says so until a restart.
 */
export class SqliteHistory implements History, ViewerTokenPersistence {
  /** Resolves when the worker has opened the file; rejects with the one-line reason it could not. */
  readonly opened: Promise<void>;
  private readonly outbound: Array<WriteOp | CallMessage> = [];
  private drainScheduled = false;
  private readonly calls = new Map<number, PendingCall>();
  private nextId = 1;
  private isOpen = false;
  private stopped: string | null = null;
  private settleOpen: (error: Error | null) => void = () => {};
  private readonly pruneTimer: NodeJS.Timeout;
  /** When damaged rows of each kind (events, alerts…) were last logged. */
  private readonly damagedLoggedAt = new Map<string, number>();

  constructor(
    private readonly worker: Worker,
    private readonly options: SqliteHistoryOptions,
  ) {
    this.opened = new Promise((resolve, reject) => {
      this.settleOpen = (error) => (error ? reject(error) : resolve());
    });
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (err) => this.stop(`the history worker crashed: ${err.message}`));
    worker.on('exit', (code) => this.stop(`the history worker exited with code ${code}`));
    this.pruneTimer = setInterval(() => {
      this.prune().catch((err: Error) => options.log.error(`history: clean-up failed: ${err.message}`));
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  recordEvents(events: readonly PulseEvent[]): void {
    if (events.length > 0) this.write({ op: 'events', rows: events.map(eventRow) });
  }

  recordSample(targetId: string, sample: TargetSample): void {
    this.write({ op: 'sample', row: sampleRow(targetId, sample) });
  }

  recordAlerts(alerts: readonly Alert[], transitions: readonly AlertTransition[]): void {
    if (alerts.length === 0 && transitions.length === 0) return;
    this.write({
      op: 'alerts',
      alerts: alerts.map(alertRow),
      transitions: transitions.map((t) => ({ alertId: t.alertId, at: t.at, from: t.from, to: t.to })),
    });
  }

  saveSilence(silence: Silence): void {
    this.write({ op: 'silence', row: silenceRow(silence) });
  }

  deleteSilence(id: string): void {
    this.write({ op: 'unsilence', id });
  }

  /** Resolves once committed. An id already in the outbox is kept as it is, so a repeated enqueue cannot resend. */
  async enqueue(items: OutboxItem[]): Promise<void> {
    if (items.length > 0) await this.call({ kind: 'commit', ops: [{ op: 'outbox', rows: items.map(outboxRow), replace: false }] });
  }

  /** Resolves once committed. */
  async update(item: OutboxItem): Promise<void> {
    await this.call({ kind: 'commit', ops: [{ op: 'outbox', rows: [outboxRow(item)], replace: true }] });
  }

  /** Pending items due by `now`, the longest due first. */
  async due(now: number, limit: number): Promise<OutboxItem[]> {
    return this.parse('notifications', await this.call({ kind: 'due', now, limit }));
  }

  /** Newest first. */
  async recent(limit: number): Promise<OutboxItem[]> {
    return this.parse('notifications', await this.call({ kind: 'recent', limit }));
  }

  async loadEvents(limit: number, targetId?: string): Promise<PulseEvent[]> {
    return this.parse('events', await this.call({ kind: 'events', limit, targetId: targetId ?? null }));
  }

  async loadAlerts(resolvedWithinMs: number): Promise<Alert[]> {
    return this.parse('alerts', await this.call({ kind: 'alerts', resolvedSince: this.options.now() - resolvedWithinMs }));
  }

  loadTransitions(alertId: string): Promise<AlertTransition[]> {
    return this.call({ kind: 'transitions', alertId });
  }

  async loadSilences(now: number): Promise<Silence[]> {
    return this.parse('silences', await this.call({ kind: 'silences', now }));
  }

  async loadSeries(targetId: string, from: number, to: number): Promise<{ resolution: SeriesResolution; samples: TargetSample[] }> {
    const resolution = seriesResolution(this.options.config, from, this.options.now());
    return { resolution, samples: await this.call({ kind: 'series', targetId, from, to, resolution }) };
  }

  loadViewerTokens(): Promise<ViewerTokenRecord[]> {
    return this.call({ kind: 'viewer-tokens' });
  }

  /** Resolves once committed (an upsert by id: a later call updates name and last use). */
  async saveViewerToken(record: ViewerTokenRecord): Promise<void> {
    await this.call({ kind: 'commit', ops: [{ op: 'viewer-token', row: { ...record } }] });
  }

  /** Resolves once committed. */
  async deleteViewerToken(id: string): Promise<void> {
    await this.call({ kind: 'commit', ops: [{ op: 'revoke-viewer-token', id }] });
  }

  async flush(): Promise<void> {
    await this.call({ kind: 'commit', ops: [] });
  }

  /** Deletes what has outlived its retention. Runs at open and every minute; public for tests and tools. */
  prune(): Promise<PruneCounts> {
    return this.call({ kind: 'prune', cutoffs: retentionCutoffs(this.options.config, this.options.now()) });
  }

  /** Commits every write made so far, closes the file and ends the worker. Safe to call twice. */
  async close(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.isOpen) await this.call({ kind: 'close' });
    } finally {
      this.stop(null);
      await this.worker.terminate();
    }
  }

  private write(op: WriteOp): void {
    if (this.stopped) return;
    this.outbound.push(op);
    this.scheduleDrain();
  }

  private call<C extends Call>(call: C): Promise<CallResults[C['kind']]> {
    if (this.stopped) return Promise.reject(new Error(`history: ${this.stopped}`));
    const id = this.nextId++;
    // The worker is unref'd so it never holds the process open by itself, but an awaited reply must.
    if (this.calls.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const message: CallMessage = { type: 'call', id, call };
      if (this.outbound.length === 0) this.worker.postMessage(message);
      else this.outbound.push(message);
    });
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      if (this.stopped) return;
      this.postNext();
      if (this.outbound.length > 0) this.scheduleDrain();
    });
  }

  /** Posts the next chunk of writes, or the call that waits behind them. */
  private postNext(): void {
    let writes = 0;
    while (writes < this.outbound.length && writes < CHUNK && !isCall(this.outbound[writes]!)) writes++;
    if (writes > 0) this.worker.postMessage({ type: 'write', ops: this.outbound.splice(0, writes) as WriteOp[] } satisfies ToWorker);
    else this.worker.postMessage(this.outbound.shift()!);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.isOpen = true;
        this.worker.unref();
        this.settleOpen(null);
        return;
      case 'fatal':
        this.settleOpen(new HistoryOpenError(message.message));
        return;
      case 'error':
        this.options.log.error(`history: ${message.message}`);
        return;
      case 'writes':
        if (message.ok) this.options.health.reportHistoryWrite(true);
        else this.options.health.reportHistoryWrite(false, message.message, message.failed);
        return;
      case 'lost':
        this.options.health.reportStoreLost(message.message);
        return;
      case 'reply': {
        const pending = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (this.calls.size === 0) this.worker.unref();
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new Error(`history: ${message.error}`));
        return;
      }
    }
  }

  /** Ends everything in flight; `why` is null for an orderly close. */
  private stop(why: string | null): void {
    if (this.stopped) return;
    this.stopped = why ?? 'the history is closed';
    clearInterval(this.pruneTimer);
    this.outbound.length = 0;
    for (const pending of this.calls.values()) pending.reject(new Error(`history: ${this.stopped}`));
    this.calls.clear();
    if (!this.isOpen) this.settleOpen(new Error(this.stopped));
    else if (why) {
      const sentence = why.charAt(0).toUpperCase() + why.slice(1);
      this.options.health.reportStoreLost(`${sentence}, so nothing more is kept: events, alerts, chart samples and notifications are shown live only. Restart rabbitpulse.`);
    }
  }

  /**
   * Bodies are JSON the server wrote, but a file damaged inside a row's text
   * passes SQLite's checks: such a row is skipped and said, so one bad row
   * neither stops a start-up nor hides the rest.
   */
  private parse<T>(what: string, bodies: readonly string[]): T[] {
    const out: T[] = [];
    let damaged = 0;
    for (const body of bodies) {
      try {
        out.push(JSON.parse(body) as T);
      } catch {
        damaged++;
      }
    }
    if (damaged > 0) this.logDamaged(what, damaged);
    return out;
  }

  /** The outbox is read four times a second: a damaged pending row is said once a minute, not each time. */
  private logDamaged(what: string, count: number): void {
    const now = Date.now();
    if (now - (this.damagedLoggedAt.get(what) ?? -Infinity) < DAMAGED_LOG_EVERY_MS) return;
    this.damagedLoggedAt.set(what, now);
    this.options.log.error(`history: skipped ${count} stored ${what} that could not be read (damaged text in the database file); said at most once a minute`);
  }
}

function isCall(item: WriteOp | CallMessage): item is CallMessage {
  return 'type' in item;
}
