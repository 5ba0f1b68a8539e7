// The cleanup registry. Scenarios register what they create as they create it;
// when the scenario ends for any reason (duration, Ctrl-C, SIGTERM, error) the
// registry closes connections in reverse order and then deletes the queues over
// a fresh, short-lived connection, because the scenario's own connections may
// be the very thing the scenario broke.

import type { Channel, Options } from 'amqplib';
import { describeError, openConnection, type LabConnection } from './connect';
import { labQueueName } from './names';
import type { LabLog } from './scenario';
import { withTimeout } from './time';

interface Step {
  label: string;
  undo: () => Promise<void> | void;
}

export class Cleanup {
  private readonly steps: Step[] = [];
  private readonly queues: string[] = [];
  private readonly tasks: Promise<void>[] = [];
  private readonly ending = new AbortController();
  /** Aborts when the scenario is stopped from outside or its clean-up starts: for loops that run alongside it. */
  readonly signal: AbortSignal;

  constructor(
    private readonly url: string,
    stop: AbortSignal,
    private readonly log: LabLog,
  ) {
    this.signal = AbortSignal.any([stop, this.ending.signal]);
  }

  /** Keeps `task` (a loop on `this.signal`) to be awaited at the end; its failure is logged, not fatal. */
  background(label: string, task: Promise<void>): void {
    this.tasks.push(task.catch((err: unknown) => this.log(`${label} failed: ${describeError(err)}`)));
  }

  /** Registers `undo` to run when the scenario ends, before earlier-registered steps. */
  defer(label: string, undo: () => Promise<void> | void): void {
    this.steps.push({ label, undo });
  }

  /** Opens a named connection that will be closed at the end. */
  async connect(name: string, heartbeat?: number): Promise<LabConnection> {
    const connection = await openConnection({ url: this.url, name, heartbeat, log: this.log });
    this.defer(`close ${name}`, () => connection.close());
    return connection;
  }

  /**
   * Declares `lab.<scenario>.<random>`, registered for deletion before it exists so a crash mid-declare leaks nothing.
   * Not durable unless the scenario says so: amqplib's default (durable) holding the lab's transient messages
   * is a durability mismatch (F5), a finding about the lab itself beside the one the scenario reproduces.
   */
  async declareQueue(channel: Channel, scenario: string, options: Options.AssertQueue = {}): Promise<string> {
    const name = labQueueName(scenario);
    this.queues.push(name);
    await channel.assertQueue(name, { durable: false, ...options });
    return name;
  }

  /** Undoes everything; throws only if queues may have been left on the broker. */
  async run(): Promise<void> {
    this.ending.abort();
    await Promise.all(this.tasks.splice(0));
    for (const step of this.steps.splice(0).reverse()) {
      await withTimeout(Promise.resolve().then(step.undo), 10_000, step.label).catch((err: unknown) =>
        this.log(`cleanup: ${step.label} failed: ${describeError(err)}`),
      );
    }
    const queues = this.queues.splice(0);
    if (queues.length > 0) await this.deleteQueues(queues);
  }

  private async deleteQueues(queues: string[]): Promise<void> {
    const left = new Set(queues);
    try {
      const connection = await openConnection({ url: this.url, name: 'lab-cleanup', log: this.log });
      try {
        for (const queue of queues) {
          // One channel per queue: a failed delete closes its channel and must not stop the others.
          const channel = await connection.model.createChannel();
          channel.on('error', () => undefined);
          try {
            const { messageCount } = await channel.deleteQueue(queue);
            left.delete(queue);
            this.log(`cleanup: deleted queue ${queue} (${messageCount} messages in it)`);
            await channel.close();
          } catch (err) {
            this.log(`cleanup: could not delete queue ${queue}: ${describeError(err)}`);
          }
        }
      } finally {
        await connection.close();
      }
    } catch (err) {
      this.log(`cleanup: lost the clean-up connection: ${describeError(err)}`);
    }
    if (left.size > 0) {
      throw new Error(
        `queues left on the broker: ${[...left].join(', ')} — delete them in the management UI or with rabbitmqctl delete_queue`,
      );
    }
  }
}

/** Runs `body` with a fresh registry and cleans up after it, whether it returns or throws. */
export async function withCleanup<T>(
  o: { url: string; signal: AbortSignal; log: LabLog },
  body: (cleanup: Cleanup) => Promise<T>,
): Promise<T> {
  const { log } = o;
  const cleanup = new Cleanup(o.url, o.signal, log);
  let result: T;
  try {
    result = await body(cleanup);
  } catch (err) {
    // The scenario's error is the story; a cleanup failure on top is only logged.
    await cleanup.run().catch((cleanupErr: unknown) => log(`cleanup: ${describeError(cleanupErr)}`));
    throw err;
  }
  await cleanup.run();
  return result;
}
