import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthResponse, HistoryHealth, HistoryResponse } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { connectLiveClient } from '../support/live-client';
import { literal } from '../support/regexp';
import { sleep, waitFor } from '../support/wait';

/**
 * History that cannot be kept, in the running app, each cause real: the data
 * folder deleted under the running server, and writes refused by the
 * operating system (a file-size limit set on the app process with prlimit:
 * each write past it fails with EFBIG, as on a full disk, and raising it
 * again lets writes through).
 */
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
function tempFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-faults-'));
  folders.push(dir);
  return dir;
}

const historyOf = async (app: RunningApp): Promise<HistoryHealth> => (await app.getJson<HealthResponse>('/healthz')).history!;
const historyLines = (app: RunningApp) => app.output().split('\n').filter((l) => / history: /.test(l));

describe('the data folder deleted while the app runs', () => {
  let app: RunningApp;
  afterAll(async () => {
    await app?.stop();
  });

  it('reports history as not saved, on /healthz and on the live stream, with the file and the fix, logged once', async () => {
    const folder = tempFolder();
    const database = path.join(folder, 'data', 'history.db');
    app = await startApp({ env: { RABBITPULSE_DATABASE: database } });
    const live = await connectLiveClient(app.url);
    try {
      await waitFor('the first samples in the history', async () => statSync(`${database}-wal`, { throwIfNoEntry: false })?.size);
      expect(await historyOf(app)).toEqual({ state: 'ok', lastOutage: null });

      const deletedAt = Date.now();
      rmSync(path.dirname(database), { recursive: true, force: true });
      // The worker checks the path every 5 s; the live stream carries it with the next self-health (every 5 s).
      const health = await waitFor('/healthz to report the deleted database', async () => {
        const h = await historyOf(app);
        return h.state === 'failing' ? h : undefined;
      }, { timeoutMs: 8000 });
      expect(health).toMatchObject({ state: 'failing', untilRestart: true });
      expect(health.state === 'failing' && health.since).toBeGreaterThanOrEqual(deletedAt);
      const message = health.state === 'failing' ? health.message : '';
      expect(message).toContain(`The database file ${database} was deleted with its folder ${path.dirname(database)} while rabbitpulse was running`);
      expect(message).toContain('Restart rabbitpulse to create a new one at that path.');

      const streamed = await live.waitForView('the live stream to carry it', (v) => v.selfHealth?.history.state === 'failing' && v.selfHealth.history, 12_000);
      expect(streamed).toEqual(health);

      await sleep(3000); // polls keep writing into the deleted file meanwhile
      expect(historyLines(app)).toEqual([expect.stringContaining(`error history: ${message}`)]);
      expect(app.process.exitCode).toBeNull();
    } finally {
      live.close();
    }
  });
});

describe('history writes refused by the operating system', () => {
  let app: RunningApp;
  afterAll(async () => {
    await app?.stop();
  });

  it('says history is not saved while writes fail, logs it at a bounded rate, and clears when writes work again', async () => {
    const database = path.join(tempFolder(), 'history.db');
    app = await startApp({ env: { RABBITPULSE_DATABASE: database } });
    const pid = String(app.process.pid);
    await waitFor('the first samples in the history', async () => statSync(`${database}-wal`, { throwIfNoEntry: false })?.size);
    expect(await historyOf(app)).toEqual({ state: 'ok', lastOutage: null });

    // Every write past byte 1 of any file now fails with EFBIG (Node ignores SIGXFSZ).
    execFileSync('prlimit', ['--pid', pid, '--fsize=1:unlimited']);
    const failingAt = Date.now();
    let failing: Extract<HistoryHealth, { state: 'failing' }>;
    try {
      failing = await waitFor('/healthz to report failing writes', async () => {
        const h = await historyOf(app);
        return h.state === 'failing' ? h : undefined;
      }, { timeoutMs: 10_000 });
      expect(failing.untilRestart).toBe(false);
      expect(failing.message).toMatch(new RegExp(`^history database ${literal(database)}: the disk refused a write \\(SQLITE_IOERR`));
      expect(failing.message).toMatch(/shown live but not kept: they will be missing after a restart\.$/);

      // A poll a second, each writing a sample: many failed writes, few log lines.
      failing = await waitFor('several failed writes', async () => {
        const h = await historyOf(app);
        return h.state === 'failing' && h.failedWrites >= 6 ? h : undefined;
      }, { timeoutMs: 20_000 });
      expect(historyLines(app)).toHaveLength(1);
      expect(historyLines(app)[0]).toMatch(/error history: \d+ writes? not stored \(\d+ since .+\): history database .+: the disk refused a write/);
    } finally {
      execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:unlimited']);
    }

    const recovered = await waitFor('/healthz to report writes working again', async () => {
      const h = await historyOf(app);
      return h.state === 'ok' ? h : undefined;
    }, { timeoutMs: 10_000 });
    expect(recovered.lastOutage).toMatchObject({ failedWrites: expect.any(Number) });
    expect(recovered.lastOutage!.failedWrites).toBeGreaterThanOrEqual(failing.failedWrites);
    expect(recovered.lastOutage!.from).toBeGreaterThanOrEqual(failingAt - 1000);
    expect(historyLines(app)).toHaveLength(2);
    expect(historyLines(app)[1]).toMatch(/warn history: writes work again; \d+ failed between .+ so the history has a gap there/);

    // And what comes after is kept again.
    const recoveredAt = recovered.lastOutage!.to;
    await waitFor('samples after the recovery in the stored history', async () => {
      const res = await app.getJson<HistoryResponse>('/api/v1/targets/local/history?range=15m');
      return res.samples.some((s) => s.at > recoveredAt);
    });
  });
});
