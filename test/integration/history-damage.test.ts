import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryOpenError, openHistory } from '../../server/persistence';
import { runAppExpectingExit } from '../support/app';
import { corruptMiddle, quickCheck, writeHistoryFile } from '../support/history-file';
import { literal } from '../support/regexp';
import { caseFiles, historyConfig, recordingLog, tempFolder } from '../unit/persistence/records';

/**
 * A history file damaged for real (two pages in the middle overwritten, as a
 * bad sector or a torn copy leaves them; text inside a row changed), opened
 * through the public API and by the app. Such a file opens fine and used to
 * fail later, at whatever first read the bad page: half-way through
 * start-up with a message about disk space or JSON, or with V8 aborting.
 */
const temp = tempFolder();
afterAll(temp.remove);

const newFile = caseFiles(temp.dir);

describe('a history file damaged in the middle', () => {
  it('is refused at open with one line naming the file, what SQLite found and the fix', async () => {
    const file = newFile();
    await writeHistoryFile(file);
    corruptMiddle(file);
    expect(quickCheck(file)).not.toBe('ok'); // the damage is real, and SQLite can see it

    const error = await openHistory(historyConfig(file)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HistoryOpenError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^history database ${literal(file)}: is damaged \\(SQLite's quick_check found: .+\\); move the file and its -wal and -shm files aside`));
    expect(message).toMatch(/set history\.database \(or RABBITPULSE_DATABASE\) to another file$/);
    expect(message).not.toContain('\n');
  });

  it('a whole file opens as before, its history intact', async () => {
    const file = newFile();
    await writeHistoryFile(file, 50);
    const history = await openHistory(historyConfig(file));
    try {
      expect(await history.loadEvents(100)).toHaveLength(50);
    } finally {
      await history.close();
    }
  });
});

describe('a row whose text was damaged', () => {
  it('is skipped and said, and the rest of the history still loads', async () => {
    const file = newFile();
    await writeHistoryFile(file, 20);
    const db = new Database(file);
    // Damage inside a row's text passes SQLite's checks: only the JSON shows it.
    db.prepare(`UPDATE events SET body = substr(body, 1, 40) || char(1) || substr(body, 42) WHERE id = 'ev-7'`).run();
    db.close();
    expect(quickCheck(file)).toBe('ok');

    const log = recordingLog();
    const history = await openHistory(historyConfig(file), { log });
    try {
      const events = await history.loadEvents(100);
      expect(events).toHaveLength(19);
      expect(events.some((e) => e.id === 'ev-7')).toBe(false);
      expect(log.lines).toEqual(['history: skipped 1 stored events that could not be read (damaged text in the database file); said at most once a minute']);
      await history.loadEvents(100); // read again at once: not said again
      expect(log.lines).toHaveLength(1);
    } finally {
      await history.close();
    }
  });
});

describe('the app started on a damaged history file', () => {
  it('stops the app with exit code 2 and one line naming the file and the fix, every time', async () => {
    const dir = path.join(temp.dir, 'app');
    mkdirSync(dir);
    const pristine = path.join(dir, 'pristine.db');
    await writeHistoryFile(pristine);
    corruptMiddle(pristine);
    expect(quickCheck(pristine)).not.toBe('ok');

    // The crash this replaces (V8 aborting, exit 134) came only in some runs: start several times.
    for (let run = 1; run <= 3; run++) {
      const file = path.join(dir, `run-${run}`, 'history.db');
      mkdirSync(path.dirname(file));
      copyFileSync(pristine, file);
      const { code, stderr } = await runAppExpectingExit({ env: { RABBITPULSE_DATABASE: file } });
      const lines = stderr.split('\n').filter((l) => l.trim() !== '');
      expect(code, `run ${run}:\n${stderr}`).toBe(2);
      expect(lines, `run ${run}`).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^rabbitpulse: history database ${literal(file)}: is damaged \\(SQLite's quick_check found: .+\\); move the file and its -wal and -shm files aside`));
      expect(stderr).not.toMatch(/FATAL|MaybeLocal|\n\s+at /);
    }
  });
});
