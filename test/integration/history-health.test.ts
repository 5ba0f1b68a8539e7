import { copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryHealthMonitor, openHistory } from '../../server/persistence';
import { literal } from '../support/regexp';
import { waitFor } from '../support/wait';
import { caseFiles, event, historyConfig, recordingLog, tempFolder } from '../unit/persistence/records';

/**
 * A history file deleted or replaced under a running history, for real,
 * through the public API (openHistory with a health monitor): SQLite goes on
 * writing into the file it has open without an error, so only the check of
 * the path against the open file can tell.
 */
const temp = tempFolder();
afterAll(temp.remove);

const newFile = caseFiles(temp.dir);

function monitored() {
  const log = recordingLog();
  return { log, health: new HistoryHealthMonitor({ log }) };
}

describe('a history file deleted or replaced while open', () => {
  it('deleting its folder makes the history fail until restart, saying so once', async () => {
    const file = newFile();
    const { log, health } = monitored();
    const history = await openHistory(historyConfig(file), { log, health, fileCheckMs: 100 });
    try {
      history.recordEvents([event('before', Date.now())]);
      await history.flush();
      expect(health.current()).toEqual({ state: 'ok', lastOutage: null });

      const deletedAt = Date.now();
      rmSync(path.dirname(file), { recursive: true, force: true });
      const failing = await waitFor('the history to report the deleted file', () => {
        const h = health.current();
        return h.state === 'failing' ? h : undefined;
      }, { timeoutMs: 5000, intervalMs: 50 });
      expect(failing.since).toBeGreaterThanOrEqual(deletedAt);
      expect(failing.untilRestart).toBe(true);
      expect(failing.message).toBe(
        `The database file ${file} was deleted with its folder ${path.dirname(file)} while rabbitpulse was running. ` +
          'History since then is not saved: it goes into the old file, which is gone once rabbitpulse stops, with any notifications still queued there. ' +
          'Restart rabbitpulse to create a new one at that path.',
      );

      // Writes into the unlinked file still "work": they must not clear it, nor be logged one by one.
      for (let i = 0; i < 20; i++) history.recordEvents([event(`after-${i}`, Date.now())]);
      await history.flush();
      expect(health.current().state).toBe('failing');
      expect(log.lines).toEqual([`history: ${failing.message}`]);
    } finally {
      await history.close();
    }
  });

  it('replacing the file (a restore from backup under a running server) is reported as replaced', async () => {
    const file = newFile();
    const { health } = monitored();
    const history = await openHistory(historyConfig(file), { health, fileCheckMs: 100 });
    try {
      copyFileSync(file, `${file}.copy`);
      renameSync(`${file}.copy`, file);
      const failing = await waitFor('the history to report the replaced file', () => {
        const h = health.current();
        return h.state === 'failing' ? h : undefined;
      }, { timeoutMs: 5000, intervalMs: 50 });
      expect(failing.message).toMatch(new RegExp(`^The database file ${literal(file)} was replaced by another file while rabbitpulse was running\\. `));
      expect(failing.message).toMatch(/Restart rabbitpulse to use the file now at that path\.$/);
    } finally {
      await history.close();
    }
  });

  it('an untouched file stays ok', async () => {
    const file = newFile();
    const { health } = monitored();
    const history = await openHistory(historyConfig(file), { health, fileCheckMs: 50 });
    try {
      writeFileSync(path.join(path.dirname(file), 'unrelated.txt'), 'x'); // the folder may change around it
      history.recordEvents([event('e', Date.now())]);
      await history.flush();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(health.current()).toEqual({ state: 'ok', lastOutage: null });
      expect(readFileSync(path.join(path.dirname(file), 'unrelated.txt'), 'utf8')).toBe('x');
    } finally {
      await history.close();
    }
  });
});
