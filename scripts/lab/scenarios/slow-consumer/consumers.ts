// The two slow consumers of the slow-consumer scenario. Both have manual ack,
// prefetch 0 and take `handlerMs` per message; they differ in whether the
// wait blocks the event loop, which decides whether the client keeps reading
// its socket (see ../slow-consumer.ts).

import type { Channel, ConsumeMessage } from 'amqplib';
import type { BlockingConsumerConfig } from '../../clients/blocking-consumer';
import { spawnClient } from '../../support/child';
import type { Cleanup } from '../../support/cleanup';
import { lost } from '../../support/connect';
import type { LabLog } from '../../support/scenario';
import { sleep } from '../../support/time';

export interface SlowConsumerSetup {
  url: string;
  connectionName: string;
  queue: string;
  handlerMs: number;
}

/** What the consumer side can say about itself in a progress line. */
export interface RunningConsumer {
  describe(): string;
  /** Rejects when the consumer's connection is lost; never resolves. */
  readonly lost: Promise<never>;
}

/**
 * Handles deliveries one at a time, as an `await handle(message)` consumer
 * does in effect: amqplib does not wait for handlers, so the rest sit in this
 * buffer, delivered and unacked.
 */
class SerialTimerHandler {
  private readonly waiting: ConsumeMessage[] = [];
  private busy = false;
  private received = 0;
  private acked = 0;

  constructor(
    private readonly channel: Channel,
    private readonly handlerMs: number,
    private readonly signal: AbortSignal,
  ) {}

  describe(): string {
    return `client received ${this.received}, acked ${this.acked}, waiting in the handler's buffer ${this.waiting.length}`;
  }

  deliver(message: ConsumeMessage): void {
    this.received += 1;
    this.waiting.push(message);
    if (!this.busy) void this.work();
  }

  private async work(): Promise<void> {
    this.busy = true;
    for (let next = this.waiting.shift(); next && !this.signal.aborted; next = this.waiting.shift()) {
      await sleep(this.handlerMs, this.signal);
      if (this.signal.aborted) break;
      this.channel.ack(next);
      this.acked += 1;
    }
    this.busy = false;
  }
}

/** In this process: the handler awaits a timer, so amqplib keeps reading the socket. */
export async function startTimerConsumer(setup: SlowConsumerSetup, cleanup: Cleanup): Promise<RunningConsumer> {
  const consumer = await cleanup.connect(setup.connectionName);
  const channel = await consumer.model.createChannel();
  // 0 is amqplib's default too; set it explicitly because it is the point.
  await channel.prefetch(0);
  const handler = new SerialTimerHandler(channel, setup.handlerMs, cleanup.signal);
  await channel.consume(setup.queue, (message) => message && handler.deliver(message), { noAck: false });
  return { describe: () => handler.describe(), lost: lost(consumer) };
}

/** In a child process: the handler blocks the loop, so the socket goes unread. */
export function startBlockingConsumer(setup: SlowConsumerSetup, cleanup: Cleanup, log: LabLog): RunningConsumer {
  const config: BlockingConsumerConfig = {
    url: setup.url,
    connectionName: setup.connectionName,
    queue: setup.queue,
    prefetch: 0,
    blockMs: setup.handlerMs,
    rounds: 1,
    reconnectDelayMs: 0,
  };
  let received = 0;
  let acked = 0;
  let closedBecause = 'the client process exited';
  const client = spawnClient(new URL('../../clients/blocking-consumer.ts', import.meta.url), config, {
    label: 'client',
    log,
    onEvent(event) {
      if (event.type === 'delivery') received += 1;
      else if (event.type === 'acked') acked += 1;
      else if (event.type === 'closed') closedBecause = `${setup.connectionName} was closed: ${event.message}`;
      else if (event.type === 'failed') closedBecause = `the client failed: ${event.message}`;
      else if (event.type === 'connection-error') log(`client: ${event.message}`);
    },
  });
  cleanup.defer('stop the client process', () => client.stop());
  return {
    describe: () => `client received ${received}, acked ${acked}`,
    lost: client.exited.then(() => Promise.reject(new Error(closedBecause))),
  };
}
