import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../start-worker';
import type { PollFailure, RequestOptions } from './http';
import type { RawPoll } from './types';
import type { FetchReply, FetchRequest } from './worker-protocol';

export type FetchOutcome = { ok: true; poll: RawPoll } | { ok: false; failure: PollFailure };

/** Something that can run one management poll; the poller depends on this, not on threads. */
export interface PollFetcher {
  fetch(options: RequestOptions, concurrency: number): Promise<FetchOutcome>;
  /** The names of the connections open now (LIVE_CONNECTIONS_PATH); null if the broker gave no usable answer. */
  liveConnections(options: RequestOptions): Promise<string[] | null>;
  close(): Promise<void>;
}

const POLL_WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Runs polls in one worker thread shared by all targets. If the worker dies
 * (it should not), pending polls fail as `unreachable` and the next poll
 * starts a fresh worker, so one bad reply can never stop monitoring.
 */
export class WorkerPollFetcher implements PollFetcher {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: FetchReply) => void>();

  async fetch(options: RequestOptions, concurrency: number): Promise<FetchOutcome> {
    const reply = await this.request({ kind: 'poll', options, concurrency });
    if (!reply.ok) return { ok: false, failure: reply.failure };
    return 'poll' in reply ? { ok: true, poll: reply.poll } : { ok: false, failure: { kind: 'bad-response', message: 'poll worker answered a poll with a name list' } };
  }

  async liveConnections(options: RequestOptions): Promise<string[] | null> {
    const reply = await this.request({ kind: 'live', options });
    return reply.ok && 'live' in reply ? reply.live : null;
  }

  private request(req: DistributiveOmit<FetchRequest, 'id'>): Promise<FetchReply> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...req, id } satisfies FetchRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll('rabbitpulse is shutting down');
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    // Each poll parses megabytes of JSON that are garbage a moment later; a small young
    // generation collects them sooner instead of letting the thread's heap (and the process's
    // RSS) grow to V8's default of several times this.
    const worker = startWorker(new URL('./fetch-worker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: POLL_WORKER_YOUNG_GENERATION_MB } });
    worker.unref();
    worker.on('message', (reply: FetchReply) => {
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      resolve?.(reply);
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
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, failure: { kind: 'unreachable', message: why } });
    this.pending.clear();
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
