import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import { createHash, randomBytes } from 'node:crypto';
import type { LargeMessageResult } from '../../contract';
import { formatSize, parseSize } from '../../config/sizes';
import { classifyProbeError } from '../../analysis/resets';
import { serverVersion } from './amqplib-adapter';

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

export interface RoundInput {
  targetId: string;
  amqpUrl: string;
  sizes: readonly string[];
  deadlineMs: number;
  /** Configured limit, else the one a previous round learnt from a rejection, else from the version. */
  maxSizeBytes: number | null;
}

export function resolveSizes(sizes: readonly string[], max: number): Array<{ bytes: number; label: string }> {
  const out = new Map<number, string>();
  for (const s of sizes) {
    const bytes = s === 'max' ? max : parseSize(s);
    if (bytes !== null) out.set(bytes, s === 'max' ? `max (${formatSize(bytes)})` : formatSize(bytes));
  }
  return [...out].map(([bytes, label]) => ({ bytes, label })).sort((a, b) => a.bytes - b.bytes);
}

/**
 * One pass over all sizes on a fresh connection, closed afterwards (nothing
 * idles between rounds). Each result is handed to `onResult` as it is known.
 */
export async function runLargeMessageRound(input: RoundInput, onResult: (r: LargeMessageResult) => void): Promise<void> {
  let model: ChannelModel | null = null;
  try {
    model = await amqp.connect(input.amqpUrl, { clientProperties: { connection_name: largeProbeConnectionName(input.targetId), product: 'rabbitpulse' }, timeout: 10_000 });
    model.on('error', () => {});
    const max = input.maxSizeBytes ?? defaultMaxMessageSize(serverVersion(model));
    for (const size of resolveSizes(input.sizes, max)) {
      const result = await sendOne(model, size.bytes, size.label, input.deadlineMs);
      onResult(result);
      if (result.status === 'error') break; // the connection is gone; the next round retries
    }
  } catch (err) {
    const f = classifyProbeError(err, 'connect');
    for (const size of resolveSizes(input.sizes, input.maxSizeBytes ?? defaultMaxMessageSize(null))) {
      onResult({ sizeBytes: size.bytes, label: size.label, status: 'error', at: Date.now(), latencyMs: null, throughputMBps: null, message: `Could not connect for the large-message probe: ${f.detail}`, limitBytes: null });
    }
  } finally {
    await model?.close().catch(() => {});
  }
}

async function sendOne(model: ChannelModel, bytes: number, label: string, deadlineMs: number): Promise<LargeMessageResult> {
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
      delay(deadlineMs).then(() => 'late' as const),
    ]);
    if (outcome === 'late') {
      return { ...base, status: 'late', latencyMs: null, throughputMBps: null, message: `${label} did not arrive within ${deadlineMs} ms.` };
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

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const closed = (ch: ConfirmChannel) => new Promise<void>((resolve) => ch.once('close', () => resolve()));
