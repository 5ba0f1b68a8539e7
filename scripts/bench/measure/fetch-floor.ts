import type { Management } from '../broker/management';
import { log } from '../support/log';
import { median, sleep } from '../support/stats';
import { plainFetch, timedGet } from './plain-fetch';

export interface FetchFloor {
  /** Plain GETs of the six endpoints, all at once. */
  parallelMs: number[];
  /** The same at the app's poll concurrency. */
  appConcurrencyMs: number[];
  /** GET /api/connections?columns=name alone. */
  namesOnlyMs: number[];
  bodyBytes: number;
  namesOnlyBytes: number;
}

/**
 * The floor the broker sets for a poll, measured while no rabbitpulse is
 * running (between the two app runs), so nothing else reads the management
 * API meanwhile: at 5,000 connections the app's own poll cycle takes about
 * half its 5 s interval, which leaves no gap long enough to fit a plain fetch
 * without overlapping a poll and slowing both. Same broker, same load.
 *
 * One fetch starts every `everyMs` (the app's poll interval), rotating the
 * three kinds: the broker caches the connection, channel and queue lists for
 * five times as long as building them took (rabbit_mgmt_db_cache), so fetches
 * closer together would be answered from that cache more often than the
 * app's polls are.
 */
export async function measureFetchFloor(o: { mgmt: Management; runs: number; appConcurrency: number; everyMs: number }): Promise<FetchFloor> {
  const floor: FetchFloor = { parallelMs: [], appConcurrencyMs: [], namesOnlyMs: [], bodyBytes: 0, namesOnlyBytes: 0 };
  const kinds = [
    async () => {
      const r = await plainFetch(o.mgmt);
      floor.parallelMs.push(r.ms);
      floor.bodyBytes = r.bytes;
    },
    async () => floor.appConcurrencyMs.push((await plainFetch(o.mgmt, o.appConcurrency)).ms),
    async () => {
      const r = await timedGet(o.mgmt, '/api/connections?columns=name');
      floor.namesOnlyMs.push(r.ms);
      floor.namesOnlyBytes = r.bytes;
    },
  ];
  for (let i = 0; i < o.runs * kinds.length; i++) {
    const started = Date.now();
    await kinds[i % kinds.length]!();
    await sleep(Math.max(0, started + o.everyMs - Date.now()));
  }
  log(`plain fetch: all at once ${Math.round(median(floor.parallelMs))} ms, ${o.appConcurrency} at a time ${Math.round(median(floor.appConcurrencyMs))} ms, names only ${Math.round(median(floor.namesOnlyMs))} ms`);
  return floor;
}
