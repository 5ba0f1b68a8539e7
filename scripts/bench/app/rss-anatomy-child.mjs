// Child process for measure/rss-anatomy.ts: builds up what the app's process holds before it
// has any data, the way the compiled server (dist/server, what `npm start` runs) starts: plain
// Node, three worker threads (poll, probe, history), a prepared Next production server. Prints
// the RSS after each step as JSON. Plain JavaScript, so no TypeScript loader is in the figures.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import next from 'next';

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) * 1024;
const settle = () => new Promise((r) => setTimeout(r, 2000));

const steps = [];
await settle();
steps.push({ step: 'node', rssBytes: rss() });
const workers = [1, 2, 3].map(() => new Worker('setInterval(() => {}, 1000)', { eval: true }));
await settle();
steps.push({ step: 'three worker threads', rssBytes: rss() });
const app = next({ dev: false, dir: process.cwd() });
await app.prepare();
await settle();
steps.push({ step: 'Next production server prepared', rssBytes: rss() });
process.stdout.write(JSON.stringify(steps) + '\n');
await Promise.all(workers.map((w) => w.terminate()));
process.exit(0);
