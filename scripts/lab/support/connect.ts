// Opening an amqplib connection the way the lab needs it: a connection_name the
// dashboard can show, an explicit heartbeat when the scenario is about
// heartbeats, and every way the connection can end turned into one promise so
// scenarios can tell "we closed it" from "it was taken from us".

import { negotiatedFrameMax as frameMaxOf } from '../../../server/sources/probes/amqplib-adapter';
import { connect, type ChannelModel } from 'amqplib';
import type { LabLog } from './scenario';
import { withTimeout } from './time';

export interface ConnectOptions {
  url: string;
  /** Becomes client_properties.connection_name, shown as user_provided_name. */
  name: string;
  /** Requested heartbeat in seconds; the broker's (60 s by default) when omitted. */
  heartbeat?: number;
  log: LabLog;
}

export interface LabConnection {
  readonly name: string;
  readonly model: ChannelModel;
  /** Settles once the connection is gone: undefined if we closed it, else the error amqplib reported. */
  readonly closed: Promise<Error | undefined>;
  /** Closes if still open; never throws (a dead connection is as closed as it gets). */
  close(): Promise<void>;
}

// amqplib reads the heartbeat from the URL (or an object URL), not from its
// socket options, so it goes into the query string.
function urlWithHeartbeat(url: string, heartbeat: number | undefined): string {
  if (heartbeat === undefined) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('heartbeat', String(heartbeat));
  return parsed.toString();
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export async function openConnection(o: ConnectOptions): Promise<LabConnection> {
  const model = await connect(urlWithHeartbeat(o.url, o.heartbeat), {
    clientProperties: { connection_name: o.name },
    // Without a timeout a wrong host leaves the lab hanging on SYN retries.
    timeout: 10_000,
  }).catch((err: unknown) => {
    throw new Error(`could not open ${o.name} to ${safeUrl(o.url)}: ${describeError(err)} (check --url and that the broker runs)`);
  });
  let closing = false;
  let lastError: Error | undefined;
  // amqplib emits 'error' (which would crash the process unhandled) and then
  // 'close'; keep the error so `closed` can carry the cause.
  model.on('error', (err: Error) => {
    lastError = err;
    if (!closing) o.log(`${o.name}: connection error: ${describeError(err)}`);
  });
  const closed = new Promise<Error | undefined>((resolve) => {
    model.once('close', (err?: Error) => resolve(closing ? undefined : (err ?? lastError ?? new Error('closed without a reason'))));
  });
  return {
    name: o.name,
    model,
    closed,
    async close() {
      if (closing) return;
      closing = true;
      // A connection whose peer went silent never answers close-ok; don't wait forever.
      await withTimeout(model.close(), 5_000, `closing ${o.name}`).catch(() => undefined);
    },
  };
}

/**
 * Rejects, naming the connection and the cause, if the connection is closed
 * by anything but us; otherwise never settles. Race it against the scenario's
 * end so a dead connection ends the scenario instead of leaving it idling.
 */
export function lost(connection: LabConnection): Promise<never> {
  return connection.closed.then((err) => {
    if (err) throw new Error(`${connection.name} was closed: ${describeError(err)}`);
    return new Promise<never>(() => undefined);
  });
}

/**
 * The frame_max client and broker agreed on; undefined if a future amqplib
 * moves it. Read through the one adapter that knows amqplib's internals.
 */
export function negotiatedFrameMax(connection: LabConnection): number | undefined {
  return frameMaxOf(connection.model);
}

/** amqplib errors carry the AMQP reply code (406, 320 ...) or a socket code (ECONNRESET). */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return code === undefined || err.message.includes(String(code)) ? err.message : `${err.message} (${String(code)})`;
}
