import path from 'node:path';

/**
 * Errors that concern one record, not the store: the record is skipped and
 * logged, but the history as a whole is fine (the next record gets stored).
 */
const RECORD_ERRORS = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;

export function isRecordError(err: unknown): boolean {
  return RECORD_ERRORS.test(codeOf(err) ?? '');
}

/**
 * Why a write to the history file failed, as one line naming the file and
 * the fix. Runs in the history worker, which still has the SQLite error code.
 */
export function writeProblem(file: string, err: unknown): string {
  const code = codeOf(err);
  const where = `history database ${file}`;
  const folder = path.dirname(file);
  if (code === 'SQLITE_FULL') return `${where}: the disk is full (${code}); free space on the disk that holds ${folder}`;
  if (code?.startsWith('SQLITE_IOERR')) {
    return `${where}: the disk refused a write (${code}: ${(err as Error).message}); check that the disk has space, that the file and its -wal and -shm files are writable, and the system log for disk errors`;
  }
  if (code?.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN') {
    return `${where}: can no longer be written (${code}); give the user running rabbitpulse write access to the file, its -wal and -shm files and ${folder}`;
  }
  if (code?.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return `${where}: is damaged (${code}); stop rabbitpulse, move the file and its -wal and -shm files aside, and start it again for a new history`;
  }
  if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) {
    return `${where}: is locked by another process (${code}); stop whatever else holds it (another rabbitpulse, a backup tool)`;
  }
  return `${where}: a write failed (${code ?? 'no error code'}: ${(err as Error).message})`;
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
