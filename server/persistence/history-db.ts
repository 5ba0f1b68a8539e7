import type Database from 'better-sqlite3';
import type { TargetSample } from '../contract';
import type { PruneCounts, SampleRow, WriteOp } from './protocol';
import type { Cutoffs } from './retention';
import { minuteOf } from './retention';
import type { AlertTransition, SeriesResolution } from './types';
import type { ViewerTokenRecord } from '../auth/viewer-tokens';

type Statements = ReturnType<typeof prepareStatements>;

export interface WriteFailure {
  op: WriteOp;
  error: Error;
}

/**
 * The history tables, synchronously. Runs in the history worker; nothing on
 * the main thread should call it (every statement may wait on the disk).
 */
export class HistoryDb {
  private readonly sql: Statements;
  private readonly applyAll: (ops: readonly WriteOp[]) => void;
  private readonly applyOne: (op: WriteOp) => void;
  private readonly pruneAll: (c: Cutoffs) => PruneCounts;

  constructor(private readonly db: Database.Database) {
    this.sql = prepareStatements(db);
    this.applyAll = db.transaction((ops: readonly WriteOp[]) => {
      for (const op of ops) this.apply(op);
    });
    this.applyOne = db.transaction((op: WriteOp) => this.apply(op));
    this.pruneAll = db.transaction((c: Cutoffs) => ({
      samples: this.sql.pruneSamples.run(c.samples).changes,
      rollups: this.sql.pruneRollups.run(c.rollups).changes,
      events: this.sql.pruneEvents.run(c.events).changes,
      transitions: this.sql.pruneTransitions.run({ cutoff: c.events }).changes,
      alerts: this.sql.pruneAlerts.run(c.events).changes,
      silences: this.sql.pruneSilences.run(c.events).changes,
      outbox: this.sql.pruneOutbox.run(c.events).changes,
    }));
  }

  /**
   * Writes a batch in one transaction. If it fails, each op is retried in its
   * own, so one bad record costs only itself, not the whole batch.
   */
  write(ops: readonly WriteOp[]): WriteFailure[] {
    if (ops.length === 0) return [];
    try {
      this.applyAll(ops);
      return [];
    } catch {
      const failures: WriteFailure[] = [];
      for (const op of ops) {
        try {
          this.applyOne(op);
        } catch (error) {
          failures.push({ op, error: error as Error });
        }
      }
      return failures;
    }
  }

  loadEvents(limit: number, targetId: string | null): string[] {
    return (targetId === null ? this.sql.events.all(limit) : this.sql.eventsOfTarget.all(targetId, limit)) as string[];
  }

  loadAlerts(resolvedSince: number): string[] {
    return this.sql.alerts.all(resolvedSince) as string[];
  }

  loadTransitions(alertId: string): AlertTransition[] {
    return this.sql.transitions.all(alertId) as AlertTransition[];
  }

  loadSilences(now: number): string[] {
    return this.sql.silences.all(now) as string[];
  }

  loadSeries(targetId: string, from: number, to: number, resolution: SeriesResolution): TargetSample[] {
    if (resolution === 'raw') return this.sql.rawSeries.all(targetId, from, to) as TargetSample[];
    // Include the bucket that `from` falls in: it holds samples inside the range.
    return this.sql.minuteSeries.all(targetId, minuteOf(from), to) as TargetSample[];
  }

  due(now: number, limit: number): string[] {
    return this.sql.due.all(now, limit) as string[];
  }

  recent(limit: number): string[] {
    return this.sql.recent.all(limit) as string[];
  }

  loadViewerTokens(): ViewerTokenRecord[] {
    return this.sql.viewerTokens.all() as ViewerTokenRecord[];
  }

  prune(cutoffs: Cutoffs): PruneCounts {
    return this.pruneAll(cutoffs);
  }

  close(): void {
    this.db.close();
  }

  private apply(op: WriteOp): void {
    switch (op.op) {
      case 'events':
        for (const row of op.rows) this.sql.upsertEvent.run(row);
        return;
      case 'sample':
        this.addSample(op.row);
        return;
      case 'alerts':
        for (const row of op.alerts) this.sql.upsertAlert.run(row);
        for (const t of op.transitions) this.sql.insertTransition.run(t);
        return;
      case 'silence':
        this.sql.upsertSilence.run(op.row);
        return;
      case 'unsilence':
        this.sql.deleteSilence.run(op.id);
        return;
      case 'outbox': {
        const statement = op.replace ? this.sql.replaceOutbox : this.sql.insertOutbox;
        for (const row of op.rows) statement.run(row);
        return;
      }
      case 'viewer-token':
        this.sql.upsertViewerToken.run(op.row);
        return;
      case 'revoke-viewer-token':
        this.sql.deleteViewerToken.run(op.id);
        return;
    }
  }

  /** The rollup is kept up to date per sample; a repeated sample (same target and time) counts once. */
  private addSample(row: SampleRow): void {
    if (this.sql.insertSample.run(row).changes === 0) return;
    this.sql.rollUp.run({ ...row, minute: minuteOf(row.at) });
  }
}

/** Every statement the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  const p = (source: string) => db.prepare(source);
  return {
    upsertEvent: p(`INSERT INTO events (id, at, target_id, kind, body) VALUES (@id, @at, @targetId, @kind, @body)
      ON CONFLICT (id) DO UPDATE SET at = excluded.at, target_id = excluded.target_id, kind = excluded.kind, body = excluded.body`),
    insertSample: p(`INSERT INTO samples (target_id, at, connections, channels, ready, unacked)
      VALUES (@targetId, @at, @connections, @channels, @ready, @unacked) ON CONFLICT (target_id, at) DO NOTHING`),
    // The SET expressions all see the row's old values, so n is the count before this sample.
    rollUp: p(`INSERT INTO samples_1m (target_id, minute, connections_max, channels_avg, ready_avg, unacked_max, n)
      VALUES (@targetId, @minute, @connections, @channels, @ready, @unacked, 1)
      ON CONFLICT (target_id, minute) DO UPDATE SET
        connections_max = max(connections_max, excluded.connections_max),
        channels_avg = channels_avg + (excluded.channels_avg - channels_avg) / (n + 1.0),
        ready_avg = ready_avg + (excluded.ready_avg - ready_avg) / (n + 1.0),
        unacked_max = max(unacked_max, excluded.unacked_max),
        n = n + 1`),
    upsertAlert: p(`INSERT INTO alerts (id, state, rule, target_id, updated_at, body) VALUES (@id, @state, @rule, @targetId, @updatedAt, @body)
      ON CONFLICT (id) DO UPDATE SET state = excluded.state, rule = excluded.rule, target_id = excluded.target_id,
        updated_at = excluded.updated_at, body = excluded.body`),
    insertTransition: p(`INSERT INTO alert_transitions (alert_id, at, from_state, to_state) VALUES (@alertId, @at, @from, @to)`),
    upsertSilence: p(`INSERT INTO silences (id, until, body) VALUES (@id, @until, @body)
      ON CONFLICT (id) DO UPDATE SET until = excluded.until, body = excluded.body`),
    deleteSilence: p(`DELETE FROM silences WHERE id = ?`),
    insertOutbox: p(`INSERT INTO outbox (id, notifier_id, state, next_attempt_at, created_at, body)
      VALUES (@id, @notifierId, @state, @nextAttemptAt, @createdAt, @body) ON CONFLICT (id) DO NOTHING`),
    replaceOutbox: p(`INSERT INTO outbox (id, notifier_id, state, next_attempt_at, created_at, body)
      VALUES (@id, @notifierId, @state, @nextAttemptAt, @createdAt, @body)
      ON CONFLICT (id) DO UPDATE SET notifier_id = excluded.notifier_id, state = excluded.state,
        next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at, body = excluded.body`),

    events: p(`SELECT body FROM events ORDER BY at DESC, rowid DESC LIMIT ?`).pluck(),
    eventsOfTarget: p(`SELECT body FROM events WHERE target_id = ? ORDER BY at DESC, rowid DESC LIMIT ?`).pluck(),
    alerts: p(`SELECT body FROM alerts WHERE state != 'resolved' OR updated_at >= ? ORDER BY updated_at DESC`).pluck(),
    transitions: p(`SELECT alert_id AS alertId, at, from_state AS "from", to_state AS "to"
      FROM alert_transitions WHERE alert_id = ? ORDER BY at, rowid`),
    silences: p(`SELECT body FROM silences WHERE until > ? ORDER BY until`).pluck(),
    rawSeries: p(`SELECT at, connections, channels, ready, unacked
      FROM samples WHERE target_id = ? AND at BETWEEN ? AND ? ORDER BY at`),
    minuteSeries: p(`SELECT minute AS at, connections_max AS connections, channels_avg AS channels, ready_avg AS ready, unacked_max AS unacked
      FROM samples_1m WHERE target_id = ? AND minute BETWEEN ? AND ? ORDER BY minute`),
    due: p(`SELECT body FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?
      ORDER BY next_attempt_at, created_at, id LIMIT ?`).pluck(),
    recent: p(`SELECT body FROM outbox ORDER BY created_at DESC, rowid DESC LIMIT ?`).pluck(),
    upsertViewerToken: p(`INSERT INTO viewer_tokens (id, name, secret_hash, created_at, last_used_at)
      VALUES (@id, @name, @secretHash, @createdAt, @lastUsedAt)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_used_at = excluded.last_used_at`),
    deleteViewerToken: p(`DELETE FROM viewer_tokens WHERE id = ?`),
    viewerTokens: p(`SELECT id, name, secret_hash AS secretHash, created_at AS createdAt, last_used_at AS lastUsedAt
      FROM viewer_tokens ORDER BY created_at DESC`),

    pruneSamples: p(`DELETE FROM samples WHERE at < ?`),
    pruneRollups: p(`DELETE FROM samples_1m WHERE minute < ?`),
    pruneEvents: p(`DELETE FROM events WHERE at < ?`),
    // Old transitions go unless their alert is kept (active, or resolved recently).
    pruneTransitions: p(`DELETE FROM alert_transitions WHERE at < @cutoff
      AND alert_id NOT IN (SELECT id FROM alerts WHERE state != 'resolved' OR updated_at >= @cutoff)`),
    pruneAlerts: p(`DELETE FROM alerts WHERE state = 'resolved' AND updated_at < ?`),
    pruneSilences: p(`DELETE FROM silences WHERE until < ?`),
    // Pending items are never pruned: they are notifications still owed.
    pruneOutbox: p(`DELETE FROM outbox WHERE state != 'pending' AND created_at < ?`),
  };
}
