// F3: a manual-ack consumer that never acks, with prefetch 0 so nothing stops
// the broker from handing it every message. A separate publisher connection
// keeps a steady stream coming; unacked grows without bound while the ack
// rate stays 0.

import { withCleanup } from '../support/cleanup';
import { lost } from '../support/connect';
import { describeQueue, Management } from '../support/management';
import { labConnectionName } from '../support/names';
import { byteSize, positiveNumber } from '../support/options';
import { publishSteadily, randomPayload } from '../support/publish';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { every, waitForEnd } from '../support/time';

const NAME = 'forgotten-ack';

const options = {
  rate: positiveNumber({ help: 'messages published per second', default: 20 }),
  size: byteSize({ help: 'bytes per message', default: 1024 }),
};

export type ForgottenAckOptions = ScenarioOptions<typeof options>;

export async function run(o: ForgottenAckOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const consumerName = labConnectionName(NAME);
  const publisherName = labConnectionName(NAME, 'publisher');
  log(
    `Expect on rabbitpulse: connection ${consumerName} with a manual-ack consumer at prefetch 0 whose unacked count rises ` +
      `by about ${o.rate} every second while its ack rate stays 0; ${publisherName} publishing ${o.rate}/s; the queue's ready count stays near 0.`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const consumer = await cleanup.connect(consumerName);
    const consumerChannel = await consumer.model.createChannel();
    const queue = await cleanup.declareQueue(consumerChannel, NAME);
    await consumerChannel.prefetch(0);
    let received = 0;
    // The bug being reproduced: manual ack mode, and a handler with no ack on any path.
    await consumerChannel.consume(queue, () => void (received += 1), { noAck: false });
    log(`${consumerName}: consuming ${queue} with manual ack, prefetch 0, and never acking`);

    const publisher = await cleanup.connect(publisherName);
    const publishChannel = await publisher.model.createChannel();
    const publishing = publishSteadily(publishChannel, { queue, rate: o.rate, payload: randomPayload(o.size), persistent: false, signal: cleanup.signal });
    cleanup.background('publisher', publishing.running);

    const management = new Management(o.managementUrl, o.url, log);
    cleanup.background(
      'broker report',
      every(5_000, cleanup.signal, async () => {
        const broker = describeQueue(await management.queue(queue));
        log(`published ${publishing.published}, consumer received ${received}, acked 0; broker queue: ${broker}`);
      }),
    );
    log(`ending: ${await Promise.race([waitForEnd(cleanup.signal, o.duration), lost(consumer), lost(publisher)])}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'F3: a manual-ack consumer (prefetch 0) that never acks while messages keep coming',
  options,
  run,
});
