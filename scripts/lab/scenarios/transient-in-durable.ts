// F5: two durability mistakes side by side. A durable queue holding transient
// messages loses them on a broker restart although the queue survives; a
// non-durable queue holding persistent messages loses them with the queue.
// Neither is an error anywhere: only the queue's `durable` flag against its
// `messages_persistent` count gives it away.

import { withCleanup } from '../support/cleanup';
import { lost } from '../support/connect';
import { Management, type BrokerQueue } from '../support/management';
import { labConnectionName } from '../support/names';
import { byteSize, wholeNumber } from '../support/options';
import { publishConfirmedBatches, randomPayload } from '../support/publish';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { every, waitForEnd } from '../support/time';

const NAME = 'transient-in-durable';

const options = {
  messages: wholeNumber({ help: 'messages left in each of the two queues', default: 300 }),
  size: byteSize({ help: 'bytes per message', default: 1024 }),
};

export type TransientInDurableOptions = ScenarioOptions<typeof options>;

function describeDurability(role: string, q: BrokerQueue | undefined): string {
  if (!q) return `${role}: not visible`;
  return `${role}: durable ${q.durable ?? '?'}, messages ${q.messages ?? '?'}, persistent ${q.messages_persistent ?? '?'}`;
}

export async function run(o: TransientInDurableOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const name = labConnectionName(NAME);
  log(
    `Expect on rabbitpulse: two lab.${NAME}.* queues with ${o.messages} messages each. The durable one shows 0 persistent ` +
      `messages: transient messages in a durable queue (F5). The non-durable one was sent ${o.messages} persistent ` +
      `(delivery_mode 2) messages but also shows 0 persistent: RabbitMQ counts a message as persistent only in a ` +
      `durable queue, so this half of F5 is invisible in messages_persistent; only peeking at a message's delivery_mode tells.`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const connection = await cleanup.connect(name);
    const channel = await connection.model.createConfirmChannel();
    const durableQueue = await cleanup.declareQueue(channel, NAME, { durable: true });
    const transientQueue = await cleanup.declareQueue(channel, NAME, { durable: false });
    const payload = randomPayload(o.size);
    const fill = (queue: string, persistent: boolean) =>
      publishConfirmedBatches(channel, { queue, count: o.messages, payload, persistent, signal: cleanup.signal });
    log(`${durableQueue} (durable): ${await fill(durableQueue, false)} transient messages confirmed`);
    log(`${transientQueue} (not durable): ${await fill(transientQueue, true)} persistent (delivery_mode 2) messages confirmed`);

    const management = new Management(o.managementUrl, o.url, log);
    const report = async () => {
      const [durable, transient] = await Promise.all([management.queue(durableQueue), management.queue(transientQueue)]);
      log(`broker: ${describeDurability(durableQueue, durable)}; ${describeDurability(transientQueue, transient)}`);
    };
    // The management API's queue counts lag by up to 5 s: the first report waits for them.
    cleanup.background('broker report', every(6_000, cleanup.signal, report));
    log(`ending: ${await Promise.race([waitForEnd(cleanup.signal, o.duration), lost(connection)])}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'F5: transient messages in a durable queue, persistent messages in a non-durable one',
  options,
  run,
});
