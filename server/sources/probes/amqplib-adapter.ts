/**
 * The one place rabbitpulse reaches into amqplib's internals. amqplib has no
 * public hook per heartbeat frame (DESIGN.md §2), so this wraps three private
 * points of the connection object:
 *   - `connection.channels[0].channel.accept`: every inbound channel-0 frame;
 *     a heartbeat is amqplib's module-level `HEARTBEAT` object from lib/frame.js;
 *   - `connection.sendHeartbeat`: every outbound heartbeat;
 *   - `connection.stream.read`: every chunk of inbound bytes.
 * Wrapping `recvFrame` instead would double-count (it recurses).
 * If any of these moves in a new amqplib, `tapConnection` throws
 * AmqplibInternalsChanged at once, and test/integration/amqplib-adapter.test.ts fails.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ChannelModel } from 'amqplib';

export class AmqplibInternalsChanged extends Error {
  override name = 'AmqplibInternalsChanged';
  constructor(what: string) {
    super(`amqplib internals changed: ${what}; update server/sources/probes/amqplib-adapter.ts for this amqplib version`);
  }
}

export interface WireTap {
  inboundHeartbeat(at: number): void;
  outboundHeartbeat(at: number): void;
  inboundBytes(at: number, bytes: number): void;
}

export interface Tuning {
  heartbeatSec: number;
  frameMax: number;
}

interface InternalConnection {
  heartbeat?: unknown;
  frameMax?: unknown;
  sendHeartbeat?: unknown;
  channels?: Array<{ channel?: { accept?: unknown } } | null>;
  stream?: { read?: unknown };
}

/** amqplib's heartbeat frame singleton; not in its exports map, so resolved by path. */
export function loadHeartbeatFrame(): object {
  const require = createRequire(import.meta.url);
  // The package's main file (channel_api.js) sits at its root; package.json itself is hidden by the exports map.
  const dir = path.dirname(require.resolve('amqplib'));
  const frame = require(path.join(dir, 'lib', 'frame.js')) as { HEARTBEAT?: unknown };
  if (!frame.HEARTBEAT || typeof frame.HEARTBEAT !== 'object') throw new AmqplibInternalsChanged('lib/frame.js no longer exports HEARTBEAT');
  return frame.HEARTBEAT;
}

export function tapConnection(model: ChannelModel, tap: WireTap, heartbeatFrame: object = loadHeartbeatFrame()): Tuning {
  const conn = (model as unknown as { connection?: InternalConnection }).connection;
  if (!conn) throw new AmqplibInternalsChanged('ChannelModel has no .connection');
  const channel0 = conn.channels?.[0]?.channel;
  if (!channel0 || typeof channel0.accept !== 'function') throw new AmqplibInternalsChanged('connection.channels[0].channel.accept is not a function');
  if (typeof conn.sendHeartbeat !== 'function') throw new AmqplibInternalsChanged('connection.sendHeartbeat is not a function');
  if (!conn.stream || typeof conn.stream.read !== 'function') throw new AmqplibInternalsChanged('connection.stream.read is not a function');
  if (typeof conn.heartbeat !== 'number' || typeof conn.frameMax !== 'number') throw new AmqplibInternalsChanged('connection.heartbeat / frameMax are not numbers');

  const accept = channel0.accept as (frame: unknown) => unknown;
  channel0.accept = function (frame: unknown) {
    if (frame === heartbeatFrame) tap.inboundHeartbeat(Date.now());
    return accept.call(this, frame);
  };
  const sendHeartbeat = conn.sendHeartbeat as () => unknown;
  conn.sendHeartbeat = function (this: unknown) {
    tap.outboundHeartbeat(Date.now());
    return sendHeartbeat.call(this);
  };
  const stream = conn.stream;
  const read = stream.read as (size?: number) => Buffer | null;
  stream.read = function (this: unknown, size?: number) {
    const chunk = read.call(this, size);
    if (chunk) tap.inboundBytes(Date.now(), chunk.length);
    return chunk;
  };
  return { heartbeatSec: conn.heartbeat, frameMax: conn.frameMax };
}

/** The broker's version from connection.start (amqplib keeps it but has no public getter). */
export function serverVersion(model: ChannelModel): string | null {
  const props = (model as unknown as { connection?: { serverProperties?: { version?: unknown } } }).connection?.serverProperties;
  const v = props?.version;
  return typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString() : null;
}

/** The negotiated frame_max, or undefined if amqplib no longer keeps it where we look. */
export function negotiatedFrameMax(model: ChannelModel): number | undefined {
  const frameMax = (model as unknown as { connection?: { frameMax?: unknown } }).connection?.frameMax;
  return typeof frameMax === 'number' ? frameMax : undefined;
}
