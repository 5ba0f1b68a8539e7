import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../support/cleanup';
import { log } from '../support/log';
import { planLoad, slices } from './plan';
import type { FromLoader, LoaderCounts, ToLoader } from './protocol';

type Request = ToLoader extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/** The loader processes, driven as one. */
export interface Fleet {
  counts: LoaderCounts;
  /** Changes something visible on `count` connections in total, spread over the loaders. */
  touch(count: number): Promise<void>;
  /** Opens connections with these provided names (one channel each), spread over the loaders. */
  openVictims(names: string[]): Promise<void>;
}

class Loader {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: LoaderCounts | null) => void; reject: (e: Error) => void }>();

  constructor(
    readonly child: ChildProcess,
    readonly label: string,
    onProgress: (opened: number) => void,
  ) {
    child.on('message', (m: FromLoader) => {
      if (m.type === 'progress') return onProgress(m.opened);
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.type === 'done') p?.resolve(m.detail);
      else p?.reject(new Error(`${label}: ${m.message}`));
    });
    child.once('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`${label} exited (${signal ?? code}) with a request pending`));
      this.pending.clear();
    });
  }

  request(m: Request): Promise<LoaderCounts | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...m, id } as ToLoader);
    });
  }
}

/**
 * Spawns the loaders, gives each a slice of the planned connections, and
 * resolves once every connection, channel and consumer is open. Each loader
 * is registered for cleanup and with the watchdog the moment it exists.
 */
export async function startFleet(
  o: { amqpUrl: string; connections: number; loaders: number; channelsPerConnection: number; queues: number },
  cleanup: Cleanup,
): Promise<Fleet> {
  const plan = planLoad(o);
  const parts = slices(plan, o.loaders);
  const script = fileURLToPath(new URL('./loader.ts', import.meta.url));
  const tsx = import.meta.resolve('tsx');
  const opened = new Array<number>(parts.length).fill(0);
  let lastReport = 0;
  const loaders = parts.map((_, i) => {
    const child = spawn(process.execPath, ['--import', tsx, script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    cleanup.add(`loader ${i}`, () => stopChild(child));
    return new Loader(child, `loader ${i}`, (n) => {
      opened[i] = n;
      const total = opened.reduce((a, b) => a + b, 0);
      if (total - lastReport >= 1000 || total === o.connections) log(`load: ${(lastReport = total)} of ${o.connections} connections open`);
    });
  });
  const started = Date.now();
  const results = await Promise.all(loaders.map((l, i) => l.request({ type: 'start', amqpUrl: o.amqpUrl, connections: parts[i]!, concurrency: 10 })));
  const counts = results.reduce<LoaderCounts>(
    (a, r) => ({ connections: a.connections + r!.connections, channels: a.channels + r!.channels, consumers: a.consumers + r!.consumers, lost: a.lost + r!.lost }),
    { connections: 0, channels: 0, consumers: 0, lost: 0 },
  );
  log(`load: ${counts.connections} connections, ${counts.channels} channels, ${counts.consumers} consumers open in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  return {
    counts,
    async touch(count) {
      await Promise.all(slices(Array.from({ length: count }), loaders.length).map((s, i) => loaders[i]!.request({ type: 'touch', count: s.length })));
    },
    async openVictims(names) {
      await Promise.all(slices(names, loaders.length).map((s, i) => loaders[i]!.request({ type: 'victims', names: s })));
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
