import { ENDPOINT_NAMES, endpointPath, type EndpointName } from './endpoints';
import { getJson, type RequestOptions } from './http';
import {
  normalizeChannels,
  normalizeConnections,
  normalizeConsumers,
  normalizeNodes,
  normalizeOverview,
  normalizeQueues,
} from './normalize';
import type { RawPoll } from './types';

/**
 * Fetches the six endpoints with at most `concurrency` requests in flight and
 * normalises them. The first failure fails the whole poll: a poll that mixes
 * old and new objects would make connections appear to close.
 */
export async function pollOnce(opts: RequestOptions, concurrency: number): Promise<RawPoll> {
  const startedAt = Date.now();
  const bodies = new Map<EndpointName, unknown>();
  let bytes = 0;
  const queue = [...ENDPOINT_NAMES];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const res = await getJson(endpointPath(name), opts);
      bodies.set(name, res.body);
      bytes += res.bytes;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return {
    startedAt,
    finishedAt: Date.now(),
    overview: normalizeOverview(bodies.get('overview')),
    nodes: normalizeNodes(bodies.get('nodes')),
    connections: normalizeConnections(bodies.get('connections')),
    channels: normalizeChannels(bodies.get('channels')),
    consumers: normalizeConsumers(bodies.get('consumers')),
    queues: normalizeQueues(bodies.get('queues')),
    bytes,
  };
}
