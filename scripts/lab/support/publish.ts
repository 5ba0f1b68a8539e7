// Publishing helpers shared by the scenarios that fill queues.

import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Channel, ConfirmChannel } from 'amqplib';
import { atRate } from './pace';

export interface BatchPublish {
  queue: string;
  count: number;
  payload: Buffer;
  persistent: boolean;
  /** Messages per confirm round-trip: large enough to be quick, small enough to bound client memory. */
  batch?: number;
  signal: AbortSignal;
  /** Called after each confirmed batch with the number confirmed so far. */
  onProgress?: (confirmed: number) => void;
}

/**
 * Publishes `count` copies of `payload` in batches, waiting for the broker's
 * confirms after each batch, so a backlog is known to be on the broker (not in
 * a socket buffer) when this resolves. Returns how many were confirmed, which
 * is fewer than `count` only when the signal aborted.
 */
export async function publishConfirmedBatches(channel: ConfirmChannel, o: BatchPublish): Promise<number> {
  const batch = o.batch ?? 500;
  let confirmed = 0;
  while (confirmed < o.count && !o.signal.aborted) {
    const size = Math.min(batch, o.count - confirmed);
    for (let i = 0; i < size; i++) {
      channel.sendToQueue(o.queue, o.payload, { persistent: o.persistent });
    }
    await channel.waitForConfirms();
    confirmed += size;
    o.onProgress?.(confirmed);
  }
  return confirmed;
}

/**
 * Publishes one message, waiting when amqplib's write buffer is full; `drain`
 * never comes on a closed channel, so closing ends the wait too.
 */
export async function sendWithBackpressure(
  channel: Channel,
  queue: string,
  payload: Buffer,
  persistent: boolean,
): Promise<void> {
  if (channel.sendToQueue(queue, payload, { persistent })) return;
  const ac = new AbortController();
  await Promise.race([once(channel, 'drain', { signal: ac.signal }), once(channel, 'close', { signal: ac.signal })]).finally(
    () => ac.abort(),
  );
}

export interface SteadyPublisher {
  /** Messages handed to amqplib so far. */
  readonly published: number;
  /** Settles when the signal aborts (or rejects if publishing fails). */
  readonly running: Promise<void>;
}

/** Publishes `payload` to `queue` at `rate` per second until `signal` aborts. */
export function publishSteadily(
  channel: Channel,
  o: { queue: string; rate: number; payload: Buffer; persistent: boolean; signal: AbortSignal },
): SteadyPublisher {
  let published = 0;
  const running = atRate(o.rate, o.signal, async () => {
    await sendWithBackpressure(channel, o.queue, o.payload, o.persistent);
    published += 1;
  });
  return {
    get published() {
      return published;
    },
    running,
  };
}

/** Random bytes, so nothing along the way can compress or deduplicate them. */
export function randomPayload(size: number): Buffer {
  return randomBytes(size);
}
