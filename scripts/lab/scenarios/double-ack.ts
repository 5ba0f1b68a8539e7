// A consumer that acknowledges a delivery twice: the second ack names a
// delivery tag the channel no longer holds, so the broker closes the channel
// with 406 PRECONDITION_FAILED "unknown delivery tag" while the connection
// lives on. The consumer opens a new channel and does it again, every
// --interval seconds, so the dashboard shows a run of channel closes.

import type { Channel } from 'amqplib';
import { withCleanup } from '../support/cleanup';
import { lost } from '../support/connect';
import { labConnectionName } from '../support/names';
import { seconds } from '../support/options';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { every, waitForEnd } from '../support/time';

const NAME = 'double-ack';

const options = {
  interval: seconds({ help: 'seconds between two double acks', default: 10 }),
};

export type DoubleAckOptions = ScenarioOptions<typeof options>;

export async function run(o: DoubleAckOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const consumerName = labConnectionName(NAME);
  log(
    `Expect on rabbitpulse: every ${o.interval} s a "Channel closed by the broker" event on ${consumerName} — precondition_failed, ` +
      `"unknown delivery tag" — in the broker's words where its log exchange is on; the connection itself stays open.`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const connection = await cleanup.connect(consumerName);
    const setup = await connection.model.createChannel();
    const queue = await cleanup.declareQueue(setup, NAME);
    let closes = 0;

    const consumeOnce = async (): Promise<void> => {
      const channel: Channel = await connection.model.createChannel();
      channel.on('error', (err: Error) => {
        closes += 1;
        log(`${consumerName}: the broker closed the channel (${closes} so far): ${err.message}`);
      });
      // The bug being reproduced: the handler acks, and a second path acks the same delivery again.
      await channel.consume(queue, (msg) => {
        if (!msg) return;
        channel.ack(msg);
        channel.ack(msg);
      });
      setup.sendToQueue(queue, Buffer.from('ack me twice'));
    };

    await consumeOnce();
    cleanup.background('double acks', every(o.interval * 1000, cleanup.signal, () => consumeOnce()));
    log(`ending: ${await Promise.race([waitForEnd(cleanup.signal, o.duration), lost(connection)])}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'A consumer acks a delivery twice: the broker closes its channel (406 unknown delivery tag), the connection lives on',
  options,
  run,
});
