// Compiles the server to plain JavaScript for production: `npm run build` runs this after
// `next build`, and `npm start` runs dist/server/index.js. Without it every thread (the main one
// and each worker) would load tsx's loader at start, about 30 MB of RSS apiece (BENCHMARKS.md).
//
// Each worker is its own bundle beside the server, under its entry's base name: that is how
// server/start-worker.ts finds `./fetch-worker.ts` as `./fetch-worker.js` once compiled.
// Packages stay external (node_modules is there at run time; amqplib's internals are read
// through its own files, see server/sources/probes/amqplib-adapter.ts).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'server');

const entryPoints = {
  index: 'server/index.ts',
  'fetch-worker': 'server/sources/management/fetch-worker.ts',
  'probe-worker': 'server/sources/probes/probe-worker.ts',
  'large-message-worker': 'server/sources/probes/large-message-worker.ts',
  'history-worker': 'server/persistence/history-worker.ts',
};

rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
process.stdout.write(`rabbitpulse: server compiled to dist/server in ${Date.now() - started} ms\n`);
