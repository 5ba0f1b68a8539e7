import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryDb } from '../../../server/persistence/history-db';
import { openDatabase } from '../../../server/persistence/open';
import type { WriteOp } from '../../../server/persistence/protocol';
import { retentionCutoffs } from '../../../server/persistence/retention';
import { alertRow, eventRow, sampleRow } from '../../../server/persistence/rows';
import { alert, event, historyConfig, sample, tempFolder } from './records';

/** The worker's synchronous store, on a real file: rollup arithmetic, failure isolation, pruning. */
const temp = tempFolder();
afterAll(temp.remove);

const MINUTE = 60_000;
const DAY = 86_400_000;
const t0 = Date.UTC(2025, 0, 31, 12, 0, 0);
const sampleOp = (at: number, values: Parameters<typeof sample>[1] = {}, targetId = 'local'): WriteOp => ({
  op: 'sample',
  row: sampleRow(targetId, sample(at, values)),
});

let store: HistoryDb;
let n = 0;
beforeEach(() => {
  store = new HistoryDb(openDatabase(path.join(temp.dir, `h${++n}.db`)));
});
afterEach(() => store.close());

describe('1-minute rollups', () => {
  it.each([
    {
      name: 'one sample',
      samples: [{ connections: 4, channels: 8, ready: 3, unacked: 2 }],
      bucket: { connections: 4, channels: 8, ready: 3, unacked: 2 },
    },
    {
      name: 'maxima for connections and unacked, averages for channels and ready',
      samples: [
        { connections: 4, channels: 8, ready: 3, unacked: 2 },
        { connections: 9, channels: 2, ready: 0, unacked: 50 },
        { connections: 1, channels: 5, ready: 12, unacked: 7 },
      ],
      bucket: { connections: 9, channels: 5, ready: 5, unacked: 50 },
    },
    {
      name: 'averages that are not whole numbers',
      samples: [
        { connections: 0, channels: 1, ready: 1, unacked: 0 },
        { connections: 0, channels: 2, ready: 2, unacked: 0 },
      ],
      bucket: { connections: 0, channels: 1.5, ready: 1.5, unacked: 0 },
    },
  ])('$name', ({ samples, bucket }) => {
    store.write(samples.map((s, i) => sampleOp(t0 + i * 5_000, s)));
    const [row, ...rest] = store.loadSeries('local', t0, t0 + MINUTE, '1m');
    expect(rest).toEqual([]);
    expect(row!.at).toBe(t0);
    expect(row!.connections).toBe(bucket.connections);
    expect(row!.unacked).toBe(bucket.unacked);
    expect(row!.channels).toBeCloseTo(bucket.channels, 9);
    expect(row!.ready).toBeCloseTo(bucket.ready, 9);
  });

  it('splits samples by minute and by target', () => {
    store.write([
      sampleOp(t0 + 59_999, { connections: 1 }),
      sampleOp(t0 + MINUTE, { connections: 2 }),
      sampleOp(t0 + MINUTE + 1, { connections: 3 }, 'other'),
    ]);
    expect(store.loadSeries('local', t0, t0 + 2 * MINUTE, '1m').map((s) => [s.at, s.connections])).toEqual([
      [t0, 1],
      [t0 + MINUTE, 2],
    ]);
  });

  it('counts a repeated sample (same target, same time) once', () => {
    store.write([sampleOp(t0, { channels: 10 }), sampleOp(t0 + 1000, { channels: 20 })]);
    store.write([sampleOp(t0 + 1000, { channels: 20 })]);
    expect(store.loadSeries('local', t0, t0, '1m')[0]!.channels).toBe(15);
    expect(store.loadSeries('local', t0, t0 + MINUTE, 'raw')).toHaveLength(2);
  });

  it('includes the bucket that the range starts in', () => {
    store.write([sampleOp(t0 + 30_000)]);
    expect(store.loadSeries('local', t0 + 45_000, t0 + MINUTE, '1m').map((s) => s.at)).toEqual([t0]);
  });
});

describe('batch writes', () => {
  it('stores the rest of a batch when one record in it is bad', () => {
    const bad = sampleOp(t0, { connections: Number.NaN }); // NaN is stored as NULL: NOT NULL fails
    const failures = store.write([{ op: 'events', rows: [eventRow(event('e1', t0))] }, bad, sampleOp(t0 + 1000)]);
    expect(failures.map((f) => f.op)).toEqual([bad]);
    expect(failures[0]!.error.message).toMatch(/NOT NULL/);
    expect(store.loadEvents(10, null)).toHaveLength(1);
    expect(store.loadSeries('local', t0, t0 + 1000, 'raw').map((s) => s.at)).toEqual([t0 + 1000]);
  });
});

describe('prune', () => {
  const config = historyConfig('unused', { rawRetentionHours: 1, rollupRetentionDays: 2, eventRetentionDays: 3 });
  const now = t0 + 10 * DAY;
  const cutoffs = retentionCutoffs(config, now);

  it('keeps the transitions of kept alerts, however old, and drops old ones of gone or unknown alerts', () => {
    const old = now - 5 * DAY;
    store.write([
      {
        op: 'alerts',
        alerts: [alertRow(alert('active', 'firing', old)), alertRow(alert('recent', 'resolved', now - DAY)), alertRow(alert('gone', 'resolved', old))],
        transitions: [
          { alertId: 'active', at: old, from: null, to: 'pending' },
          { alertId: 'recent', at: old, from: null, to: 'pending' },
          { alertId: 'recent', at: now - DAY, from: 'firing', to: 'resolved' },
          { alertId: 'gone', at: old, from: 'firing', to: 'resolved' },
          { alertId: 'unknown', at: old, from: null, to: 'pending' },
          { alertId: 'unknown', at: now, from: 'pending', to: 'firing' },
        ],
      },
    ]);
    expect(store.prune(cutoffs)).toMatchObject({ alerts: 1, transitions: 2 });
    expect(store.loadTransitions('active')).toHaveLength(1);
    expect(store.loadTransitions('recent')).toHaveLength(2);
    expect(store.loadTransitions('gone')).toEqual([]);
    expect(store.loadTransitions('unknown').map((t) => t.to)).toEqual(['firing']);
  });

  it('deletes raw samples and rollups by their own retentions', () => {
    store.write([sampleOp(now - 2 * 3_600_000), sampleOp(now - 3 * DAY), sampleOp(now - 10 * MINUTE)]);
    expect(store.prune(cutoffs)).toMatchObject({ samples: 2, rollups: 1 });
    expect(store.loadSeries('local', now - 4 * DAY, now, 'raw').map((s) => s.at)).toEqual([now - 10 * MINUTE]);
    expect(store.loadSeries('local', now - 4 * DAY, now, '1m').map((s) => s.at)).toEqual([now - 2 * 3_600_000, now - 10 * MINUTE]);
  });
});
