import { openSync, readSync, closeSync, statSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openHistory } from '../../server/persistence';
import { event, historyConfig, sample } from '../unit/persistence/records';

/**
 * A real history file made by the persistence module: `events` closes and
 * an hour of samples, closed cleanly (the -wal checkpointed into the file),
 * so the file holds every page.
 */
export async function writeHistoryFile(file: string, events = 922): Promise<void> {
  const now = Date.now();
  const history = await openHistory(historyConfig(file), { now: () => now });
  for (let i = 0; i < events; i++) history.recordEvents([event(`ev-${i}`, now - 60_000 + i, { explanation: `closed without a handshake (${i}); `.repeat(8) })]);
  for (let i = 0; i < 720; i++) history.recordSample('local', sample(now - 3_600_000 + i * 5000, { connections: i }));
  await history.close();
}

/**
 * Overwrites two whole pages in the middle of a SQLite file with the same
 * pseudo-random bytes every time (what a bad sector or a torn copy leaves):
 * the header and schema stay intact, so the file still opens.
 */
export function corruptMiddle(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    const pages = Math.floor(statSync(file).size / pageSize);
    if (pages < 8) throw new Error(`${file} has only ${pages} pages: too small to damage in the middle`);
    let x = 0x2545f491;
    const noise = Buffer.alloc(2 * pageSize, 0).map(() => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
    writeSync(fd, noise, 0, noise.length, Math.floor(pages / 2) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** SQLite's own verdict on a file, read-only: 'ok', or what it found. */
export function quickCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>).map((r) => r.quick_check).join('; ');
  } catch (err) {
    return (err as Error).message;
  } finally {
    db.close();
  }
}
