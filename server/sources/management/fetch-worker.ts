/**
 * Worker-thread entry: fetches and parses management polls off the main
 * event loop. At 5,000 connections a poll is ~8 MB of JSON, and parsing it
 * on the loop that serves sockets would stall the dashboard for tens of ms.
 * Only the trimmed, normalised rows cross back to the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { ManagementError } from './http';
import { ShapeError } from './normalize';
import { fetchLiveConnectionNames, pollOnce } from './poll-once';
import type { FetchReply, FetchRequest } from './worker-protocol';

if (!parentPort) throw new Error('fetch-worker.ts must run as a worker thread');
const port = parentPort;

port.on('message', async (req: FetchRequest) => {
  let reply: FetchReply;
  try {
    reply =
      req.kind === 'poll'
        ? { id: req.id, ok: true, poll: await pollOnce(req.options, req.concurrency) }
        : { id: req.id, ok: true, live: (await fetchLiveConnectionNames(req.options)).names };
  } catch (err) {
    if (err instanceof ManagementError) reply = { id: req.id, ok: false, failure: err.failure };
    else if (err instanceof ShapeError) reply = { id: req.id, ok: false, failure: { kind: 'bad-response', message: err.message } };
    else reply = { id: req.id, ok: false, failure: { kind: 'unreachable', message: `Poll failed: ${(err as Error).message}` } };
  }
  port.postMessage(reply);
});
