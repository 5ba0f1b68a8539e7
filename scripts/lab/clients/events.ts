// What a lab client running in a child process tells the lab, one JSON object
// per stdout line. Lines are written with writeSync on purpose: the client is
// about to block its own event loop, and an asynchronous write (or an IPC
// message) queued just before the block would only leave after it.

import { writeSync } from 'node:fs';

export type ClientEvent =
  | { type: 'connected'; round: number }
  | { type: 'consuming'; round: number; queue: string; prefetch: number }
  | { type: 'delivery'; round: number; deliveryTag: number; redelivered: boolean }
  | { type: 'blocking'; round: number; ms: number }
  | { type: 'unblocked'; round: number; ms: number }
  | { type: 'acked'; round: number; deliveryTag: number }
  | { type: 'ack-failed'; round: number; message: string }
  | { type: 'connection-error'; round: number; message: string }
  | { type: 'closed'; round: number; message: string }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** An event with the client's own clock, so durations are measured where they happened. */
export type TimedClientEvent = ClientEvent & { at: number };

export function emitEvent(event: ClientEvent): void {
  writeSync(1, `${JSON.stringify({ ...event, at: Date.now() })}\n`);
}

/** Parses one stdout line; undefined for anything that is not an event (stray output). */
export function parseEvent(line: string): TimedClientEvent | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && 'type' in value && 'at' in value) return value as TimedClientEvent;
  } catch {
    // fall through: not an event
  }
  return undefined;
}
