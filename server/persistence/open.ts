import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkIntegrity, DamagedDatabaseError } from './integrity';
import { HistoryOpenError } from './open-error';
import { migrate, SchemaTooNewError } from './schema';

const SETTING = 'set history.database (or RABBITPULSE_DATABASE)';

/**
 * Opens (creating if needed) the history file, checks it is whole, and brings its schema up to
 * date. Any failure becomes one line naming the file and the fix, because the
 * server prints it as a start-up error and stops.
 *
 * WAL lets reads run while a batch commits; synchronous=NORMAL skips the
 * fsync per commit (a power cut can lose the last batch, never corrupt the file).
 */
export function openDatabase(file: string): Database.Database {
  const folder = path.dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new HistoryOpenError(`history database ${file}: cannot create its folder ${folder}: ${folderProblem(err)}`);
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    // Before anything else reads it (see integrity.ts); a leftover -wal is read as part of the file.
    checkIntegrity(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Another process (a second rabbitpulse, a backup) may hold the lock briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    throw new HistoryOpenError(`history database ${file}: ${fileProblem(err)}`);
  }
}

function folderProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `part of that path is a file, not a folder (${code}); ${SETTING} to a file inside a folder`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `no permission (${code}); create the folder writable by the user running rabbitpulse, or ${SETTING} to a writable place`;
    default:
      return `${(err as Error).message}; ${SETTING} to a file in a writable folder`;
  }
}

function fileProblem(err: unknown): string {
  if (err instanceof SchemaTooNewError) return `${err.message}; upgrade rabbitpulse, or ${SETTING} to another file`;
  if (err instanceof DamagedDatabaseError) {
    return `is damaged (${err.message}); move the file and its -wal and -shm files aside (or restore them from a backup) and start again for a new history, or ${SETTING} to another file`;
  }
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'SQLITE_CANTOPEN':
      return `cannot be opened (${code}): it is a folder, or is not readable; ${SETTING} to a file path the server can write`;
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `is not a readable SQLite database (${code}); move the file aside to start a new history, or ${SETTING} to another file`;
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return `is not writable (${code}); give the user running rabbitpulse write access to the file and its folder (SQLite adds -wal and -shm files next to it)`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `is locked by another process (${code}); stop the other rabbitpulse using it, or ${SETTING} to another file`;
    default:
      return `cannot be opened: ${(err as Error).message}${code ? ` (${code})` : ''}; check the file, or ${SETTING} to another file`;
  }
}
