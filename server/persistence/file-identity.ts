import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Which file a path named when it was opened: the same path may later name another file, or none. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(file: string): FileIdentity {
  const { dev, ino } = statSync(file);
  return { dev, ino };
}

/**
 * Null while `file` still names the file that was opened. Otherwise why not,
 * and what it means: SQLite keeps writing into the file it has open, so
 * after a delete every write "works" and lands in a file no one can open
 * again; it vanishes when rabbitpulse stops.
 */
export function fileLostProblem(file: string, opened: FileIdentity): string | null {
  let now: FileIdentity | null;
  try {
    now = identityOf(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return null; // cannot tell (EACCES, EIO): say nothing rather than guess
    now = null;
  }
  if (now && now.dev === opened.dev && now.ino === opened.ino) return null;
  const folder = path.dirname(file);
  const what = now
    ? `The database file ${file} was replaced by another file`
    : existsSync(folder)
      ? `The database file ${file} was deleted`
      : `The database file ${file} was deleted with its folder ${folder}`;
  const fix = now ? 'Restart rabbitpulse to use the file now at that path.' : 'Restart rabbitpulse to create a new one at that path.';
  return (
    `${what} while rabbitpulse was running. History since then is not saved: it goes into the old file, which is gone once rabbitpulse stops, ` +
    `with any notifications still queued there. ${fix}`
  );
}
