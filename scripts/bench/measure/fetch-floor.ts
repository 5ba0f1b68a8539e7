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
 */
export async function measureFetchFloor(o: { mgmt: Management; runs: number; appConcurrency: number }): Promise<FetchFloor> {
  const floor: FetchFloor = { parallelMs: [], appConcurrencyMs: [], namesOnlyMs: [], bodyBytes: 0, namesOnlyBytes: 0 };
  for (let i = 0; i < o.runs; i++) {
    const parallel = await plainFetch(o.mgmt);
    floor.parallelMs.push(parallel.ms);
    floor.bodyBytes = parallel.bytes;
    await sleep(500);
    floor.appConcurrencyMs.push((await plainFetch(o.mgmt, o.appConcurrency)).ms);
    await sleep(500);
    const names = await timedGet(o.mgmt, '/api/connections?columns=name');
    floor.namesOnlyMs.push(names.ms);
    floor.namesOnlyBytes = names.bytes;
    await sleep(500);
  }
  log(`plain fetch: all at once ${Math.round(median(floor.parallelMs))} ms, ${o.appConcurrency} at a time ${Math.round(median(floor.appConcurrencyMs))} ms, names only ${Math.round(median(floor.namesOnlyMs))} ms`);
  return floor;
}
