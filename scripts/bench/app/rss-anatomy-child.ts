/**
 * Child process for measure/rss-anatomy.ts: builds up what the app's process
 * holds before it has any data — Node with tsx's loader hooks, three worker
 * threads started the way the server starts them (each registering tsx), a
 * prepared Next production server, and for comparison one plain worker
 * thread — and prints the RSS after each step as JSON.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import next from 'next';
import { startTsWorker } from '../../../server/ts-worker';
import { ROOT } from '../../../test/support/app';

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) * 1024;
const settle = () => new Promise((r) => setTimeout(r, 2000));

const steps: Array<{ step: string; rssBytes: number }> = [];
await settle();
steps.push({ step: 'node with tsx', rssBytes: rss() });
const idle = new URL('data:text/javascript,setInterval(() => {}, 1000)');
const workers = [1, 2, 3].map(() => startTsWorker(idle));
await settle();
steps.push({ step: 'three tsx worker threads', rssBytes: rss() });
const app = next({ dev: false, dir: ROOT });
await app.prepare();
await settle();
steps.push({ step: 'Next production server prepared', rssBytes: rss() });
// For comparison: what a worker costs without tsx's loader hooks (a compiled build would need none).
workers.push(new Worker('setInterval(() => {}, 1000)', { eval: true }));
await settle();
steps.push({ step: 'one more worker thread without tsx', rssBytes: rss() });
process.stdout.write(JSON.stringify(steps) + '\n');
await Promise.all(workers.map((w) => w.terminate()));
process.exit(0);
