// A consumer that takes a delivery and never acknowledges it. Once the
// delivery is older than the consumer timeout the broker closes the channel
// with 406 PRECONDITION_FAILED "delivery acknowledgement on channel N timed
// out" and requeues the message; the connection lives on, so clients that do
// not watch their channels never notice (the Celery/pika classic).
//
// The broker checks about once a minute, so the close comes up to a minute
// after the timeout. --consumer-timeout-ms sets the queue's x-consumer-timeout
// argument, which RabbitMQ 3.11.15+ honours (measured: 3.10.8 ignores it); older brokers use only the
// broker-wide `consumer_timeout` in rabbitmq.conf (default 30 min), e.g. on a
// private node started with `consumer_timeout = 10000`.

import { withCleanup } from '../support/cleanup';
import { lost } from '../support/connect';
import { labConnectionName } from '../support/names';
import { wholeNumber } from '../support/options';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { waitForEnd } from '../support/time';

const NAME = 'consumer-timeout';

const options = {
  consumerTimeoutMs: wholeNumber({
    help: "the queue's x-consumer-timeout in ms (RabbitMQ 3.11.15+; older brokers apply their rabbitmq.conf consumer_timeout)",
    default: 60_000,
    min: 1_000,
  }),
};

export type ConsumerTimeoutOptions = ScenarioOptions<typeof options>;

export async function run(o: ConsumerTimeoutOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const consumerName = labConnectionName(NAME);
  log(
    `Expect on rabbitpulse: ${consumerName} holding 1 unacked message, its "oldest unacked" age climbing towards the consumer timeout; ` +
      `then, within about a minute of the timeout, a "consumer timeout" channel close and a critical consumer-timeout alert (the broker's words where its log exchange is on).`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const connection = await cleanup.connect(consumerName);
    const channel = await connection.model.createChannel();
    const queue = await cleanup.declareQueue(channel, NAME, { arguments: { 'x-consumer-timeout': o.consumerTimeoutMs } });
    const started = Date.now();
    const closed = new Promise<string>((resolve) => {
      channel.on('error', (err: Error) => resolve(err.message));
    });
    await channel.prefetch(1);
    // The bug being reproduced: a handler that takes the delivery and never acks it (work that hangs, or a forgotten ack).
    await channel.consume(queue, (msg) => msg && log(`${consumerName}: got a delivery and will never ack it`), { noAck: false });
    channel.sendToQueue(queue, Buffer.from('never acked'));
    log(`${consumerName}: consuming ${queue} (x-consumer-timeout ${o.consumerTimeoutMs} ms) with manual ack`);
    const why = await Promise.race([
      closed.then((message) => `the broker closed the channel after ${((Date.now() - started) / 1000).toFixed(0)} s: ${message}`),
      waitForEnd(cleanup.signal, o.duration),
      lost(connection),
    ]);
    log(`ending: ${why}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'A consumer never acks one delivery: the broker closes its channel once the consumer timeout passes (checked once a minute)',
  options,
  run,
});
