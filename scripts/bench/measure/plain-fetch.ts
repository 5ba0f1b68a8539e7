import { ENDPOINT_NAMES, LIVE_CONNECTIONS_PATH, endpointPath } from '../../../server/sources/management/endpoints';
import type { Management } from '../broker/management';

/**
 * The floor the broker sets for a poll: GET the same six endpoints with the
 * same `columns=` and read every body, then the live connection names, as
 * the app does — nothing else: no parse, no analysis.
 * With `concurrency` 6 all go at once (the "plain parallel GETs");
 * with the app's own concurrency it shows what the app's schedule costs.
 */
export async function plainFetch(mgmt: Management, concurrency = ENDPOINT_NAMES.length): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const queue = [...ENDPOINT_NAMES];
  let bytes = 0;
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) bytes += (await mgmt.fetchText(endpointPath(name))).bytes;
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  bytes += (await mgmt.fetchText(LIVE_CONNECTIONS_PATH)).bytes;
  return { ms: performance.now() - started, bytes };
}

/** One GET, timed: e.g. the connection names alone, the cheapest way to see closes by polling. */
export async function timedGet(mgmt: Management, path: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const { bytes } = await mgmt.fetchText(path);
  return { ms: performance.now() - started, bytes };
}
