import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/persistence/open';
import { HistoryOpenError } from '../../../server/persistence/open-error';
import { readVersion, SCHEMA_VERSION } from '../../../server/persistence/schema';
import { tempFolder } from './records';

const temp = tempFolder();
afterAll(temp.remove);

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]).sort();

describe('schema', () => {
  it('creates every table in a new file (and its folder) with WAL and synchronous=NORMAL', () => {
    const file = path.join(temp.dir, 'new', 'nested', 'h.db');
    const db = openDatabase(file);
    expect(tables(db)).toEqual(['alert_transitions', 'alerts', 'events', 'outbox', 'samples', 'samples_1m', 'schema_version', 'silences', 'viewer_tokens']);
    expect(readVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
  });

  it('reopens a migrated file without changing it', () => {
    const file = path.join(temp.dir, 'again.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(readVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM schema_version').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a file written by a newer rabbitpulse', () => {
    const file = path.join(temp.dir, 'newer.db');
    const raw = new Database(file);
    raw.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1})`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(HistoryOpenError);
    expect(() => openDatabase(file)).toThrow(`history database ${file}: its schema is version ${SCHEMA_VERSION + 1}`);
    expect(() => openDatabase(file)).toThrow(/upgrade rabbitpulse/);
  });
});

describe('a file that cannot be opened', () => {
  const fileInTheWay = path.join(temp.dir, 'plain-file');
  writeFileSync(fileInTheWay, 'not a folder');
  const notADatabase = path.join(temp.dir, 'notes.txt');
  writeFileSync(notADatabase, 'these are notes, not a database. '.repeat(200));
  const folder = path.join(temp.dir, 'a-folder');
  mkdirSync(folder);

  it.each([
    { what: 'a file where a folder is expected', file: path.join(fileInTheWay, 'sub', 'h.db'), reason: /cannot create its folder .*part of that path is a file, not a folder/ },
    { what: 'a file that is not a database', file: notADatabase, reason: /is not a readable SQLite database \(SQLITE_NOTADB\); move the file aside/ },
    { what: 'a folder', file: folder, reason: /cannot be opened \(SQLITE_CANTOPEN\): it is a folder/ },
  ])('fails on $what with one line naming the file and the setting', ({ file, reason }) => {
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HistoryOpenError);
    const message = (error as Error).message;
    expect(message.startsWith(`history database ${file}: `)).toBe(true);
    expect(message).toMatch(reason);
    expect(message).toMatch(/history\.database/);
    expect(message).not.toContain('\n');
  });
});
