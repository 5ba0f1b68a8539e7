// A consumer whose handler blocks the Node event loop, run as a child process
// of the lab (see support/child.ts) so that the lab itself stays responsive.
// Blocking the loop is what a CPU-bound handler does to amqplib: no heartbeats
// go out, no bytes are read from the socket, nothing else runs.
//
// Used for F1 (one long block per delivery, prefetch 1, short heartbeat:
// the broker drops the connection) and for F2's blocking mode (a short block
// per message with prefetch 0: TCP backpressure builds up).
//
// Usage: node --import tsx blocking-consumer.ts '<BlockingConsumerConfig as JSON>'

import type { Channel, ConsumeMessage } from 'amqplib';
import { describeError, openConnection, type LabConnection } from '../support/connect';
import { emitEvent } from './events';

export interface BlockingConsumerConfig {
  url: string;
  connectionName: string;
  /** Requested heartbeat in seconds; the broker's when omitted. */
  heartbeat?: number;
  queue: string;
  prefetch: number;
  /** How long the handler blocks the event loop for each message. */
  blockMs: number;
  /** Connections to go through: after the broker drops one, reconnect until this many have been used. */
  rounds: number;
  /** Pause before reconnecting, like a client's reconnect back-off. */
  reconnectDelayMs: number;
}

// Atomics.wait stalls the thread exactly like CPU-bound work does, as far as
// the event loop and the socket are concerned, without burning a core.
const blocker = new Int32Array(new SharedArrayBuffer(4));
function blockEventLoop(ms: number): void {
  Atomics.wait(blocker, 0, 0, ms);
}

function handle(channel: Channel, round: number, blockMs: number, message: ConsumeMessage): void {
  const { deliveryTag, redelivered } = message.fields;
  emitEvent({ type: 'delivery', round, deliveryTag, redelivered });
  emitEvent({ type: 'blocking', round, ms: blockMs });
  const startedMs = Date.now();
  blockEventLoop(blockMs);
  emitEvent({ type: 'unblocked', round, ms: Date.now() - startedMs });
  try {
    // Written into a socket the broker may already have closed: it fails later, or silently.
    channel.ack(message);
    emitEvent({ type: 'acked', round, deliveryTag });
  } catch (err) {
    emitEvent({ type: 'ack-failed', round, message: describeError(err) });
  }
}

async function consumeOneConnection(config: BlockingConsumerConfig, round: number): Promise<void> {
  const connection: LabConnection = await openConnection({
    url: config.url,
    name: config.connectionName,
    heartbeat: config.heartbeat,
    log: (line) => emitEvent({ type: 'connection-error', round, message: line }),
  });
  emitEvent({ type: 'connected', round });
  const channel = await connection.model.createChannel();
  channel.on('error', (err: Error) => emitEvent({ type: 'connection-error', round, message: `channel: ${describeError(err)}` }));
  await channel.prefetch(config.prefetch);
  // Said before subscribing: the first delivery may block the loop before consume() resolves.
  emitEvent({ type: 'consuming', round, queue: config.queue, prefetch: config.prefetch });
  await channel.consume(config.queue, (message) => message && handle(channel, round, config.blockMs, message), { noAck: false });
  const cause = await connection.closed;
  emitEvent({ type: 'closed', round, message: cause ? describeError(cause) : 'closed by the client' });
}

async function main(config: BlockingConsumerConfig): Promise<void> {
  for (let round = 1; round <= config.rounds; round++) {
    if (round > 1) await new Promise((resolve) => setTimeout(resolve, config.reconnectDelayMs));
    await consumeOneConnection(config, round);
  }
  emitEvent({ type: 'done' });
}

// The lab talks to us over an IPC channel only to notice when it is gone.
process.on('disconnect', () => process.exit(0));
main(JSON.parse(process.argv[2] ?? '{}') as BlockingConsumerConfig).then(
  () => process.exit(0),
  (err: unknown) => {
    emitEvent({ type: 'failed', message: describeError(err) });
    process.exit(1);
  },
);
