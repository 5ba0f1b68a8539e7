/**
 * Worker-thread entry for one large-message round. Each round runs in a
 * worker of its own that exits afterwards: a 128 MiB probe needs its payload
 * twice (sent and received), and ending the thread hands that memory back at
 * once instead of leaving the long-lived probe worker's footprint at its peak.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LargeMessageResult } from '../../contract';
import { runLargeMessageRound, type RoundInput } from './large-message-round';

if (!parentPort) throw new Error('large-message-worker.ts must run as a worker thread');
const port = parentPort;

await runLargeMessageRound(workerData as RoundInput, (result: LargeMessageResult) => port.postMessage({ type: 'result', result }));
port.postMessage({ type: 'done' });
