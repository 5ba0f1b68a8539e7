import { ENDPOINT_NAMES, LIVE_CONNECTIONS_PATH, endpointPath, type EndpointName } from './endpoints';
import { getJson, type RequestOptions } from './http';
import {
  normalizeChannels,
  normalizeConnections,
  normalizeConsumers,
  normalizeLiveConnectionNames,
  normalizeNodes,
  normalizeOverview,
  normalizeQueues,
} from './normalize';
import type { RawPoll } from './types';

/**
 * Fetches the six endpoints with at most `concurrency` requests in flight and
 * normalises them. The first failure fails the whole poll: a poll that mixes
 * old and new objects would make connections appear to close. It also
 * cancels the requests still running, which would otherwise go on reading
 * (up to poll.maxResponseBytes each) for nothing. Then the live
 * connection names (see LIVE_CONNECTIONS_PATH): last, so they are the
 * freshest word on what has closed, and optional, so a broker that cannot
 * answer them still gets polled.
 */
export async function pollOnce(opts: RequestOptions, concurrency: number): Promise<RawPoll> {
  const startedAt = Date.now();
  const bodies = new Map<EndpointName, unknown>();
  let bytes = 0;
  const queue = [...ENDPOINT_NAMES];
  const failed = new AbortController();
  const worker = async () => {
    for (let name = queue.shift(); name && !failed.signal.aborted; name = queue.shift()) {
      const res = await getJson(endpointPath(name), opts, failed.signal);
      bodies.set(name, res.body);
      bytes += res.bytes;
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, () =>
    worker().catch((err: unknown) => {
      failed.abort();
      throw err;
    }),
  );
  await Promise.all(workers);
  const live = await fetchLiveConnectionNames(opts);
  bytes += live.bytes;
  return {
    startedAt,
    finishedAt: Date.now(),
    overview: normalizeOverview(bodies.get('overview')),
    nodes: normalizeNodes(bodies.get('nodes')),
    connections: normalizeConnections(bodies.get('connections')),
    channels: normalizeChannels(bodies.get('channels')),
    consumers: normalizeConsumers(bodies.get('consumers')),
    queues: normalizeQueues(bodies.get('queues')),
    liveConnectionNames: live.names,
    bytes,
  };
}

/**
 * The live connection names (the end of a poll, and the close sweep); `names`
 * is null when the broker gave no usable answer, which never fails a poll.
 */
export async function fetchLiveConnectionNames(opts: RequestOptions): Promise<{ names: string[] | null; bytes: number }> {
  const live = await getJson(LIVE_CONNECTIONS_PATH, opts).catch(() => null);
  return live ? { names: normalizeLiveConnectionNames(live.body), bytes: live.bytes } : { names: null, bytes: 0 };
}
