// A queue nobody consumes from, fed at a steady rate: the backlog (ready
// count) grows without bound. The plainest growth signal the dashboard has.

import { withCleanup } from '../support/cleanup';
import { lost } from '../support/connect';
import { describeQueue, Management } from '../support/management';
import { labConnectionName } from '../support/names';
import { byteSize, positiveNumber } from '../support/options';
import { publishSteadily, randomPayload } from '../support/publish';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { every, waitForEnd } from '../support/time';

const NAME = 'no-consumer-backlog';

const options = {
  rate: positiveNumber({ help: 'messages published per second', default: 50 }),
  size: byteSize({ help: 'bytes per message', default: 1024 }),
};

export type NoConsumerBacklogOptions = ScenarioOptions<typeof options>;

export async function run(o: NoConsumerBacklogOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const name = labConnectionName(NAME);
  log(
    `Expect on rabbitpulse: a lab.${NAME}.* queue with 0 consumers whose ready count grows by about ${o.rate} every second, ` +
      `fed by connection ${name}.`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const publisher = await cleanup.connect(name);
    const channel = await publisher.model.createChannel();
    const queue = await cleanup.declareQueue(channel, NAME);
    log(`${name}: publishing ${o.rate}/s to ${queue}, which has no consumer`);
    const publishing = publishSteadily(channel, { queue, rate: o.rate, payload: randomPayload(o.size), persistent: false, signal: cleanup.signal });
    cleanup.background('publisher', publishing.running);

    const management = new Management(o.managementUrl, o.url, log);
    cleanup.background(
      'broker report',
      every(5_000, cleanup.signal, async () => log(`published ${publishing.published}; broker queue: ${describeQueue(await management.queue(queue))}`)),
    );
    log(`ending: ${await Promise.race([waitForEnd(cleanup.signal, o.duration), lost(publisher)])}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'a queue with no consumer, published to at a steady rate: the backlog grows',
  options,
  run,
});
