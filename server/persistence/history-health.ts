import type { HistoryHealth } from '../contract';
import type { Logger } from '../log';

/**
 * What any writer to the history store calls after a write: the history
 * worker for its batches, and other modules that write through it (the alert
 * delivery loop's outbox) for their own. One method so that wiring a new
 * writer is one line.
 */
export interface HistoryWriteReporter {
  /** A write (or a batch of `count`) worked, or failed for the plain reason in `message`. */
  reportHistoryWrite(ok: boolean, message?: string, count?: number): void;
}

/** What the history store itself reports: its writes, and its file or worker being lost. */
export interface HistoryHealthSink extends HistoryWriteReporter {
  reportStoreLost(message: string): void;
}

export interface HistoryHealthOptions {
  log: Logger;
  now?: () => number;
  /** While failing, at most one log line per this long (the first failure is logged at once). */
  logEveryMs?: number;
}

/** A full disk fails every write, several a second: one line a minute says it without flooding the log. */
const LOG_EVERY_MS = 60_000;

/**
 * Owns the history's health as the dashboard shows it (SelfHealth.history)
 * and logs it at a bounded rate. Two kinds of failure:
 *
 * - write failures (disk full, I/O errors, a read-only file): they clear by
 *   themselves with the next write that works, and the spell is remembered
 *   as `lastOutage`, because the history now has a gap there;
 * - a lost store (the file deleted or replaced while open, the worker gone):
 *   writes may still "work" (into an unlinked file), so only a restart
 *   clears it.
 */
export class HistoryHealthMonitor implements HistoryHealthSink {
  private health: HistoryHealth = { state: 'ok', lastOutage: null };
  private readonly now: () => number;
  private readonly logEveryMs: number;
  private lastLoggedAt = -Infinity;
  /** Failures since the last line that mentioned them. */
  private unlogged = 0;
  /** Whether a failure has been logged since the last recovery line: recoveries are logged only then. */
  private failureLogged = false;

  constructor(private readonly opts: HistoryHealthOptions) {
    this.now = opts.now ?? Date.now;
    this.logEveryMs = opts.logEveryMs ?? LOG_EVERY_MS;
  }

  current(): HistoryHealth {
    return this.health;
  }

  reportHistoryWrite(ok: boolean, message = 'a history write failed', count = 1): void {
    const h = this.health;
    if (ok) {
      if (h.state === 'failing' && !h.untilRestart) this.recover(h);
      return;
    }
    const at = this.now();
    this.health =
      h.state === 'failing'
        ? { ...h, message: h.untilRestart ? h.message : describe(message), failedWrites: h.failedWrites + count }
        : { state: 'failing', message: describe(message), since: at, failedWrites: count, untilRestart: false };
    this.unlogged += count;
    this.logFailure(message);
  }

  /** The store can no longer be trusted until rabbitpulse restarts; `message` says why and what to do. */
  reportStoreLost(message: string): void {
    const h = this.health;
    if (h.state === 'failing' && h.untilRestart) return;
    const at = this.now();
    this.health = { state: 'failing', message, since: h.state === 'failing' ? h.since : at, failedWrites: h.state === 'failing' ? h.failedWrites : 0, untilRestart: true };
    // Always logged: it happens once a run and is the line someone will look for.
    this.opts.log.error(`history: ${message}`);
    this.lastLoggedAt = at;
    this.unlogged = 0;
    this.failureLogged = true;
  }

  private recover(h: Extract<HistoryHealth, { state: 'failing' }>): void {
    const to = this.now();
    this.health = { state: 'ok', lastOutage: { from: h.since, to, failedWrites: h.failedWrites } };
    if (!this.failureLogged) return;
    this.opts.log.warn(`history: writes work again; ${h.failedWrites} failed between ${iso(h.since)} and ${iso(to)}, so the history has a gap there`);
    this.failureLogged = false;
    this.unlogged = 0;
  }

  private logFailure(reason: string): void {
    const at = this.now();
    if (at - this.lastLoggedAt < this.logEveryMs) return;
    const h = this.health as Extract<HistoryHealth, { state: 'failing' }>;
    const count = this.unlogged === 1 ? '1 write' : `${this.unlogged} writes`;
    this.opts.log.error(`history: ${count} not stored (${h.failedWrites} since ${iso(h.since)}): ${reason}; this is logged at most once every ${Math.round(this.logEveryMs / 1000)} s while it lasts`);
    this.lastLoggedAt = at;
    this.unlogged = 0;
    this.failureLogged = true;
  }
}

/** The dashboard's sentences: the writer's reason (with its fix), and what it costs. */
function describe(reason: string): string {
  return `${reason.replace(/[.;\s]+$/, '')}. Meanwhile events, alerts, chart samples and notifications are shown live but not kept: they will be missing after a restart.`;
}

const iso = (at: number) => new Date(at).toISOString();
