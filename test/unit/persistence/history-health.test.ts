import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../server/log';
import { HistoryHealthMonitor } from '../../../server/persistence/history-health';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;

function setup() {
  const lines: Array<{ level: string; message: string }> = [];
  const log: Logger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
  let now = T0;
  const monitor = new HistoryHealthMonitor({ log, now: () => now });
  return { monitor, lines, at: (t: number) => (now = t) };
}

const DISK_FULL = 'history database /data/h.db: the disk is full (SQLITE_FULL); free space on the disk that holds /data';

describe('HistoryHealthMonitor: failing writes', () => {
  it('is ok until a write fails, then failing since that write, counting the failed writes', () => {
    const { monitor, at } = setup();
    expect(monitor.current()).toEqual({ state: 'ok', lastOutage: null });
    monitor.reportHistoryWrite(true);
    expect(monitor.current()).toEqual({ state: 'ok', lastOutage: null });

    monitor.reportHistoryWrite(false, DISK_FULL, 3);
    at(T0 + 1000);
    monitor.reportHistoryWrite(false, DISK_FULL);
    const h = monitor.current();
    expect(h).toMatchObject({ state: 'failing', since: T0, failedWrites: 4, untilRestart: false });
    expect(h.state === 'failing' && h.message).toMatch(/^history database \/data\/h\.db: the disk is full \(SQLITE_FULL\); free space on the disk that holds \/data\. /);
    expect(h.state === 'failing' && h.message).toMatch(/shown live but not kept: they will be missing after a restart/);
  });

  it('logs the first failure at once, then at most one line a minute however many writes fail', () => {
    const { monitor, lines, at } = setup();
    for (let s = 0; s < 150; s++) {
      at(T0 + s * 1000);
      monitor.reportHistoryWrite(false, DISK_FULL, 2); // a batch every second
    }
    expect(lines.map((l) => l.level)).toEqual(['error', 'error', 'error']);
    expect(lines[0]!.message).toBe(`history: 2 writes not stored (2 since 2026-01-05T12:00:00.000Z): ${DISK_FULL}; this is logged at most once every 60 s while it lasts`);
    // The later lines say how many were lost since the line before.
    expect(lines[1]!.message).toMatch(/^history: 120 writes not stored \(122 since 2026-01-05T12:00:00\.000Z\): /);
    expect(lines[2]!.message).toMatch(/^history: 120 writes not stored \(242 since /);
  });

  it('clears with the next write that works, keeps the spell as lastOutage, and logs the recovery once', () => {
    const { monitor, lines, at } = setup();
    monitor.reportHistoryWrite(false, DISK_FULL, 5);
    at(T0 + 2 * MINUTE);
    monitor.reportHistoryWrite(true);
    monitor.reportHistoryWrite(true);
    expect(monitor.current()).toEqual({ state: 'ok', lastOutage: { from: T0, to: T0 + 2 * MINUTE, failedWrites: 5 } });
    expect(lines.map((l) => l.level)).toEqual(['error', 'warn']);
    expect(lines[1]!.message).toBe('history: writes work again; 5 failed between 2026-01-05T12:00:00.000Z and 2026-01-05T12:02:00.000Z, so the history has a gap there');
  });

  it('stays bounded when two writers disagree (one failing, one working): no line per flip', () => {
    const { monitor, lines, at } = setup();
    for (let s = 0; s < 120; s++) {
      at(T0 + s * 500);
      monitor.reportHistoryWrite(s % 2 === 0, DISK_FULL);
    }
    // 60 s of flapping: one failure line and its recovery, then one more of each after a minute.
    expect(lines.length).toBeLessThanOrEqual(4);
  });
});

describe('HistoryHealthMonitor: a lost store', () => {
  const GONE = 'The database file /data/h.db was deleted while rabbitpulse was running. Restart rabbitpulse to create a new one at that path.';

  it('is failing until restart: writes that seem to work do not clear it', () => {
    const { monitor, lines, at } = setup();
    at(T0 + 5000);
    monitor.reportStoreLost(GONE);
    monitor.reportHistoryWrite(true);
    monitor.reportStoreLost(GONE); // said once
    expect(monitor.current()).toEqual({ state: 'failing', message: GONE, since: T0 + 5000, failedWrites: 0, untilRestart: true });
    expect(lines).toEqual([{ level: 'error', message: `history: ${GONE}` }]);
  });

  it('keeps the start of a failing spell already under way, and its message over later write reasons', () => {
    const { monitor, at } = setup();
    monitor.reportHistoryWrite(false, DISK_FULL);
    at(T0 + 1000);
    monitor.reportStoreLost(GONE);
    monitor.reportHistoryWrite(false, DISK_FULL);
    expect(monitor.current()).toEqual({ state: 'failing', message: GONE, since: T0, failedWrites: 2, untilRestart: true });
  });
});
