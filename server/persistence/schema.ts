import type Database from 'better-sqlite3';

/**
 * The database schema as forward-only migrations. Each entry moves the schema
 * from version i to i + 1 and never changes once released: to change the
 * schema, append a migration. `schema_version` holds one row, the version the
 * file is at, so a newer file is refused instead of being misread.
 *
 * Bodies are the whole contract object as JSON; the other columns exist only
 * to be searched, sorted or pruned on.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    target_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX events_at ON events (at);
  CREATE INDEX events_target_at ON events (target_id, at);

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    rule TEXT NOT NULL,
    target_id TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX alerts_state_updated ON alerts (state, updated_at);

  CREATE TABLE alert_transitions (
    alert_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL
  );
  CREATE INDEX alert_transitions_alert_at ON alert_transitions (alert_id, at);

  CREATE TABLE silences (
    id TEXT PRIMARY KEY,
    until INTEGER NOT NULL,
    body TEXT NOT NULL
  );

  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    notifier_id TEXT NOT NULL,
    state TEXT NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  CREATE INDEX outbox_created ON outbox (created_at);

  CREATE TABLE samples (
    target_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    connections INTEGER NOT NULL,
    channels INTEGER NOT NULL,
    ready INTEGER NOT NULL,
    unacked INTEGER NOT NULL,
    PRIMARY KEY (target_id, at)
  ) WITHOUT ROWID;

  -- minute: epoch ms of the bucket's start. Maxima for the counts whose peaks
  -- matter (connections, unacked), running averages over n samples for the rest.
  CREATE TABLE samples_1m (
    target_id TEXT NOT NULL,
    minute INTEGER NOT NULL,
    connections_max INTEGER NOT NULL,
    channels_avg REAL NOT NULL,
    ready_avg REAL NOT NULL,
    unacked_max INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (target_id, minute)
  ) WITHOUT ROWID;
  `,
  // 2: viewer tokens for wall displays. Only the SHA-256 of each token is kept.
  `
  CREATE TABLE viewer_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  `,
];

export const SCHEMA_VERSION = migrations.length;

export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`its schema is version ${found} but this rabbitpulse knows only up to version ${SCHEMA_VERSION}`);
    this.name = 'SchemaTooNewError';
  }
}

/** Brings the file up to SCHEMA_VERSION; each step commits on its own, so a crash mid-way resumes cleanly. */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const current = readVersion(db);
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(current);
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.prepare('DELETE FROM schema_version').run();
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(v + 1);
    }).immediate();
  }
}

export function readVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}
