import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker';
import type { PollFailure, RequestOptions } from './http';
import type { RawPoll } from './types';
import type { FetchReply, FetchRequest } from './worker-protocol';

export type FetchOutcome = { ok: true; poll: RawPoll } | { ok: false; failure: PollFailure };

/** Something that can run one management poll; the poller depends on this, not on threads. */
export interface PollFetcher {
  fetch(options: RequestOptions, concurrency: number): Promise<FetchOutcome>;
  close(): Promise<void>;
}

/**
 * Runs polls in one worker thread shared by all targets. If the worker dies
 * (it should not), pending polls fail as `unreachable` and the next poll
 * starts a fresh worker, so one bad reply can never stop monitoring.
 */
export class WorkerPollFetcher implements PollFetcher {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (outcome: FetchOutcome) => void>();

  fetch(options: RequestOptions, concurrency: number): Promise<FetchOutcome> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, options, concurrency } satisfies FetchRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll('rabbitpulse is shutting down');
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = startTsWorker(new URL('./fetch-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (reply: FetchReply) => {
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      resolve?.(reply.ok ? { ok: true, poll: reply.poll } : { ok: false, failure: reply.failure });
    });
    worker.on('error', (err) => this.lose(worker, `poll worker crashed: ${err.message}`));
    worker.on('exit', (code) => this.lose(worker, `poll worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private lose(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(why);
  }

  private failAll(why: string): void {
    for (const resolve of this.pending.values()) resolve({ ok: false, failure: { kind: 'unreachable', message: why } });
    this.pending.clear();
  }
}
