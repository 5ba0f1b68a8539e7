// F2: unbounded prefetch with a slow consumer. A big backlog is loaded first;
// then a consumer with manual ack and prefetch 0 lets the broker push as much
// as the connection will carry while the handler works through one message
// per `--handler-ms`.
//
// Two kinds of slow handler, because they look different on the broker:
//  - timer: the handler awaits a timer, the event loop stays free,
//    so amqplib keeps reading the socket and the whole backlog moves into the
//    client's memory: unacked = backlog, send_pend 0, utilisation near 1.
//  - blocking (default, the F2 picture of DESIGN.md): the handler blocks the loop for the same time (CPU-bound work,
//    or pika's BlockingConnection); the socket is not read meanwhile, TCP
//    backpressure builds: send_pend > 0, hundreds unacked, utilisation near 0.
//    It runs in a child process so this one stays responsive.

import { withCleanup, type Cleanup } from '../support/cleanup';
import { describeError } from '../support/connect';
import { ConnectionLookout, Management } from '../support/management';
import { labConnectionName } from '../support/names';
import { byteSize, choice, wholeNumber } from '../support/options';
import { publishConfirmedBatches, randomPayload } from '../support/publish';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { formatBytes } from '../support/sizes';
import { every, secondsSince, waitForEnd } from '../support/time';
import { startBlockingConsumer, startTimerConsumer, type RunningConsumer } from './slow-consumer/consumers';

const NAME = 'slow-consumer';

const options = {
  messages: wholeNumber({ help: 'backlog published before the consumer starts', default: 20_000 }),
  size: byteSize({ help: 'bytes per message', default: 20_480 }),
  handlerMs: wholeNumber({ help: 'time the handler takes per message before acking', default: 1000, min: 0 }),
  handler: choice({
    help: 'timer: awaits a timer (loop free); blocking: blocks the loop, in a child process',
    values: ['timer', 'blocking'] as const,
    default: 'blocking',
  }),
};

export type SlowConsumerOptions = ScenarioOptions<typeof options>;

/**
 * Loads the backlog over its own short-lived connection, with confirms, and
 * returns the queue; undefined when stopped before the backlog was complete.
 */
async function loadBacklog(o: SlowConsumerOptions, cleanup: Cleanup, log: LabLog): Promise<string | undefined> {
  const loader = await cleanup.connect(labConnectionName(NAME, 'loader'));
  const channel = await loader.model.createConfirmChannel();
  const queue = await cleanup.declareQueue(channel, NAME);
  log(`loading ${o.messages} × ${formatBytes(o.size)} into ${queue} (${formatBytes(o.messages * o.size)}) with publisher confirms`);
  const startedMs = Date.now();
  const step = Math.max(1, Math.round(o.messages / 4));
  let nextReport = step;
  const confirmed = await publishConfirmedBatches(channel, {
    queue,
    count: o.messages,
    payload: randomPayload(o.size),
    persistent: false,
    signal: cleanup.signal,
    onProgress(count) {
      if (count < nextReport && count < o.messages) return;
      nextReport += step;
      log(`backlog: ${count}/${o.messages} confirmed after ${secondsSince(startedMs)} s`);
    },
  });
  await loader.close();
  return confirmed === o.messages ? queue : undefined;
}

async function reportBroker(management: Management, lookout: ConnectionLookout, queue: string, consumer: RunningConsumer, log: LabLog) {
  const seen = await lookout.check();
  const name = lookout.providedName;
  if (seen?.change === 'vanished') log(`broker: ${name} is gone — the broker closed it (see its log) while the client still works through its buffers`);
  if (!seen?.connection) return log(`${consumer.describe()}; broker: ${seen ? `${name} not listed` : 'unknown'}`);
  const { connection } = seen;
  const channels = await management.channelsOf(connection.name);
  const q = await management.queue(queue);
  const unacked = channels.map((c) => `${c.messages_unacknowledged ?? '?'} (prefetch ${c.prefetch_count ?? '?'})`).join(', ');
  const utilisation = q?.consumer_utilisation == null ? '?' : q.consumer_utilisation.toFixed(2);
  log(
    `${consumer.describe()}; broker: send_pend ${connection.send_pend ?? '?'} B, state ${connection.state ?? '?'}, ` +
      `channel unacked ${unacked || '?'}, queue ready ${q?.messages_ready ?? '?'}, consumer_utilisation ${utilisation}`,
  );
}

function expectation(o: SlowConsumerOptions, name: string): string {
  const common = `Expect on rabbitpulse: connection ${name} whose consumer has manual ack and prefetch 0 (unlimited), acking 1 message per ${o.handlerMs} ms; `;
  return o.handler === 'blocking'
    ? `${common}send_pend above 0 and staying there, hundreds of unacked messages on its channel, consumer utilisation near 0, ` +
        `the rest of the backlog ready; after about half a minute of stalled writes the broker closes it (its log: ` +
        `{writer,send_failed,{error,timeout}} or {inet_error,enotconn}) and the client, still working through what its ` +
        `socket buffers hold, notices some 15 s later (ECONNRESET). That reset ends the scenario.`
    : `${common}within seconds the whole backlog (${o.messages}) unacked on its channel and 0 ready, send_pend 0, consumer utilisation near 1: ` +
        `the client holds ${formatBytes(o.messages * o.size)} in memory (the default --handler blocking shows the socket-backpressure picture).`;
}

export async function run(o: SlowConsumerOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const name = labConnectionName(NAME);
  log(expectation(o, name));
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const queue = await loadBacklog(o, cleanup, log);
    if (!queue) return log('ending: stopped while loading the backlog');
    const setup = { url: o.url, connectionName: name, queue, handlerMs: o.handlerMs };
    const consumer =
      o.handler === 'blocking' ? startBlockingConsumer(setup, cleanup, log) : await startTimerConsumer(setup, cleanup);
    log(`${name}: consuming ${queue} with manual ack, prefetch 0, a ${o.handler} handler of ${o.handlerMs} ms per message`);
    const management = new Management(o.managementUrl, o.url, log);
    const lookout = new ConnectionLookout(management, name);
    cleanup.background('broker report', every(5_000, cleanup.signal, () => reportBroker(management, lookout, queue, consumer, log)));
    // A reset is where F2 leads, so it ends the scenario as an outcome, not as a failure.
    const reset = consumer.lost.catch((err: unknown) => `${describeError(err)} (the reset F2 ends in)`);
    log(`ending: ${await Promise.race([waitForEnd(cleanup.signal, o.duration), reset])}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'F2: manual-ack consumer with prefetch 0 and a slow handler over a large backlog',
  options,
  run,
});
