import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import { createHash, randomBytes } from 'node:crypto';
import type { LargeMessageResult } from '../../contract';
import { formatSize, parseSize } from '../../config/sizes';
import { classifyProbeError } from '../../analysis/resets';
import { serverVersion } from './amqplib-adapter';

export interface LargeMessageProbeOptions {
  targetId: string;
  amqpUrl: string;
  sizes: readonly string[];
  intervalMs: number;
  deadlineMs: number;
  maxSizeBytes?: number;
  /** A size failed (rejected, truncated, corrupt, late, error): report it at once. */
  onFailure: (result: LargeMessageResult) => void;
  onChange: () => void;
}

export const largeProbeConnectionName = (targetId: string) => `rabbitpulse-large/${targetId}`;

/** RabbitMQ's default max_message_size: 128 MiB up to 3.x, 16 MiB from 4.0. */
export function defaultMaxMessageSize(version: string | null): number {
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1] ?? NaN);
  return major >= 4 ? 16 * 1024 ** 2 : 128 * 1024 ** 2;
}

/** The broker's 406 text names its limit: "message size 2097152 is larger than configured max size 1048576". */
export function limitFromRejection(text: string): number | null {
  const m = /max(?:imum)? size (\d+)/i.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * Sends payloads of known size and SHA-256 through the target and checks each
 * arrives whole before a deadline. Runs on its own connection and schedule so
 * a slow 8 MiB transfer never delays the heartbeat probe. Old clients lost
 * large messages to partial socket writes; brokers reject messages above
 * max_message_size with 406 — only an active probe can tell either.
 */
export class LargeMessageProbe {
  private results = new Map<number, LargeMessageResult>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running = false;
  private knownLimit: number | null = null;

  constructor(private readonly opts: LargeMessageProbeOptions) {}

  start(): void {
    this.schedule(3000); // let the heartbeat probe connect first
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  snapshot(): LargeMessageResult[] {
    return [...this.results.values()].sort((a, b) => a.sizeBytes - b.sizeBytes);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.round().finally(() => this.schedule(this.opts.intervalMs)), ms);
  }

  /** One pass over all sizes on a fresh connection, closed afterwards (nothing idles between rounds). */
  async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let model: ChannelModel | null = null;
    try {
      model = await amqp.connect(this.opts.amqpUrl, { clientProperties: { connection_name: largeProbeConnectionName(this.opts.targetId), product: 'rabbitpulse' }, timeout: 10_000 });
      model.on('error', () => {});
      const version = serverVersion(model);
      for (const size of this.resolveSizes(version)) {
        if (this.stopped) break;
        const result = await this.sendOne(model, size.bytes, size.label);
        this.record(result);
        if (result.status === 'error') break; // the connection is gone; the next round retries
      }
    } catch (err) {
      const f = classifyProbeError(err, 'connect');
      for (const size of this.resolveSizes(null)) {
        this.record({ sizeBytes: size.bytes, label: size.label, status: 'error', at: Date.now(), latencyMs: null, throughputMBps: null, message: `Could not connect for the large-message probe: ${f.detail}`, limitBytes: null });
      }
    } finally {
      this.running = false;
      await model?.close().catch(() => {});
    }
  }

  private resolveSizes(version: string | null): Array<{ bytes: number; label: string }> {
    const max = this.opts.maxSizeBytes ?? this.knownLimit ?? defaultMaxMessageSize(version);
    const out = new Map<number, string>();
    for (const s of this.opts.sizes) {
      const bytes = s === 'max' ? max : parseSize(s);
      if (bytes !== null) out.set(bytes, s === 'max' ? `max (${formatSize(bytes)})` : formatSize(bytes));
    }
    return [...out].map(([bytes, label]) => ({ bytes, label })).sort((a, b) => a.bytes - b.bytes);
  }

  private record(result: LargeMessageResult): void {
    this.results.set(result.sizeBytes, result);
    if (result.limitBytes !== null) this.knownLimit = result.limitBytes;
    if (result.status !== 'ok') this.opts.onFailure(result);
    this.opts.onChange();
  }

  private async sendOne(model: ChannelModel, bytes: number, label: string): Promise<LargeMessageResult> {
    const base = { sizeBytes: bytes, label, at: Date.now(), limitBytes: null as number | null };
    let ch: ConfirmChannel;
    try {
      ch = await model.createConfirmChannel();
    } catch (err) {
      return { ...base, status: 'error', latencyMs: null, throughputMBps: null, message: `Could not open a channel: ${classifyProbeError(err, 'connected').detail}` };
    }
    let channelError: Error | null = null;
    ch.on('error', (err: Error) => (channelError = err));
    const payload = randomBytes(bytes);
    const digest = createHash('sha256').update(payload).digest('hex');
    const started = Date.now();
    try {
      const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
      const arrived = new Promise<{ length: number; digest: string; at: number }>((resolve) => {
        void ch.consume(queue, (msg) => {
          if (!msg) return;
          resolve({ length: msg.content.length, digest: createHash('sha256').update(msg.content).digest('hex'), at: Date.now() });
          ch.ack(msg);
        });
      });
      const confirmed = new Promise<void>((resolve, reject) => ch.sendToQueue(queue, payload, {}, (err) => (err ? reject(err) : resolve())));
      const outcome = await Promise.race([
        Promise.all([confirmed, arrived]).then(([, got]) => got),
        closed(ch).then(() => {
          throw channelError ?? new Error('channel closed');
        }),
        delay(this.opts.deadlineMs).then(() => 'late' as const),
      ]);
      if (outcome === 'late') {
        return { ...base, status: 'late', latencyMs: null, throughputMBps: null, message: `${label} did not arrive within ${this.opts.deadlineMs} ms.` };
      }
      const latencyMs = outcome.at - started;
      const throughputMBps = latencyMs > 0 ? Math.round((bytes / 1024 ** 2 / (latencyMs / 1000)) * 10) / 10 : null;
      if (outcome.length !== bytes) {
        return { ...base, status: 'truncated', latencyMs, throughputMBps, message: `${label} arrived with ${outcome.length} of ${bytes} bytes: the message was cut.` };
      }
      if (outcome.digest !== digest) {
        return { ...base, status: 'corrupt', latencyMs, throughputMBps, message: `${label} arrived with the right length but a different SHA-256: the content was damaged.` };
      }
      return { ...base, status: 'ok', latencyMs, throughputMBps, message: `${label} arrived whole in ${latencyMs} ms.` };
    } catch (err) {
      const text = ((channelError ?? err) as Error).message ?? String(err);
      const code = (channelError as { code?: number } | null)?.code;
      if (code === 406 || /PRECONDITION_FAILED/.test(text)) {
        const limit = limitFromRejection(text);
        return {
          ...base,
          limitBytes: limit,
          status: 'rejected',
          latencyMs: null,
          throughputMBps: null,
          message: `The broker rejected ${label}${limit ? `: its max_message_size is ${formatSize(limit)}` : ''} (${text.split('\n')[0]}). Publishers of messages this large lose them; raise max_message_size or send large payloads by reference.`,
        };
      }
      return { ...base, status: 'error', latencyMs: null, throughputMBps: null, message: `${label} failed: ${text.split('\n')[0]}` };
    } finally {
      await ch.close().catch(() => {});
    }
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const closed = (ch: ConfirmChannel) => new Promise<void>((resolve) => ch.once('close', () => resolve()));
