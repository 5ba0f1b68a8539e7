import type { LargeMessageResult } from '../../contract';
import { startWorker } from '../../start-worker';
import type { RoundInput } from './large-message-round';

export { defaultMaxMessageSize, largeProbeConnectionName, limitFromRejection } from './large-message-round';

export interface LargeMessageProbeOptions {
  targetId: string;
  amqpUrl: string;
  sizes: readonly string[];
  intervalMs: number;
  deadlineMs: number;
  maxSizeBytes?: number;
  /** A size failed (rejected, truncated, corrupt, late, error): report it at once. */
  onFailure: (result: LargeMessageResult) => void;
}

/**
 * Sends payloads of known size and SHA-256 through the target and checks each
 * arrives whole before a deadline. Runs on its own connection and schedule so
 * a slow 8 MiB transfer never delays the heartbeat probe, and each round in a
 * short-lived worker thread so its buffers never stay resident. Old clients
 * lost large messages to partial socket writes; brokers reject messages above
 * max_message_size with 406 — only an active probe can tell either.
 */
export class LargeMessageProbe {
  private results = new Map<number, LargeMessageResult>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private knownLimit: number | null = null;
  private terminate: (() => Promise<number>) | null = null;

  constructor(private readonly opts: LargeMessageProbeOptions) {}

  start(): void {
    this.schedule(3000); // let the heartbeat probe connect first
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.terminate?.();
  }

  snapshot(): LargeMessageResult[] {
    return [...this.results.values()].sort((a, b) => a.sizeBytes - b.sizeBytes);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.round().finally(() => this.schedule(this.opts.intervalMs)), ms);
  }

  /** One round, in a worker of its own; resolves when the worker has exited. */
  round(): Promise<void> {
    this.running ??= new Promise<void>((resolve) => {
      const input: RoundInput = {
        targetId: this.opts.targetId,
        amqpUrl: this.opts.amqpUrl,
        sizes: this.opts.sizes,
        deadlineMs: this.opts.deadlineMs,
        maxSizeBytes: this.opts.maxSizeBytes ?? this.knownLimit,
      };
      const worker = startWorker(new URL('./large-message-worker.ts', import.meta.url), { workerData: input });
      this.terminate = () => worker.terminate();
      worker.on('message', (m: { type: 'result'; result: LargeMessageResult } | { type: 'done' }) => {
        if (m.type === 'result') this.record(m.result);
      });
      worker.on('error', () => {});
      worker.once('exit', () => {
        this.terminate = null;
        this.running = null;
        resolve();
      });
    });
    return this.running;
  }

  private record(result: LargeMessageResult): void {
    this.results.set(result.sizeBytes, result);
    if (result.limitBytes !== null) this.knownLimit = result.limitBytes;
    if (result.status !== 'ok') this.opts.onFailure(result);
  }
}
