// F1: a handler that blocks the event loop for longer than the heartbeat
// timeout. The consumer runs in a child process (clients/blocking-consumer.ts)
// because it blocks its own loop; this process prints what happens, watches
// the broker for the connection to vanish, and cleans up.

import type { TimedClientEvent } from '../clients/events';
import type { BlockingConsumerConfig } from '../clients/blocking-consumer';
import { spawnClient } from '../support/child';
import { withCleanup, type Cleanup } from '../support/cleanup';
import { ConnectionLookout, Management } from '../support/management';
import { labConnectionName } from '../support/names';
import { seconds, wholeNumber } from '../support/options';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { every, secondsSince, waitForEnd } from '../support/time';

const NAME = 'blocked-handler';

const options = {
  // 4 × heartbeat (20 s), not 3 × (15 s): the broker checks for inbound bytes
  // every heartbeat interval and drops after two silent checks following the
  // one that saw the last byte, i.e. 2–3 intervals after it. A 3 × block can
  // end, and its ack arrive, just before the drop; measured with 5 s
  // heartbeats: drops 14.9–15.0 s after the block began.
  block: seconds({ help: 'how long the handler blocks the event loop', default: undefined, whenUnset: '4 × --heartbeat' }),
  repeat: wholeNumber({ help: 'times to block, reconnecting after each drop', default: 1 }),
  heartbeat: wholeNumber({ help: 'heartbeat the client asks for, in seconds', default: 5 }),
};

export type BlockedHandlerOptions = ScenarioOptions<typeof options>;

/** Declares the queue and puts the one message in it, over a connection closed straight after. */
async function prepareQueue(cleanup: Cleanup): Promise<string> {
  const setup = await cleanup.connect(labConnectionName(NAME, 'setup'));
  const channel = await setup.model.createConfirmChannel();
  const queue = await cleanup.declareQueue(channel, NAME);
  channel.sendToQueue(queue, Buffer.from('a job whose handler hogs the event loop'));
  await channel.waitForConfirms();
  await setup.close();
  return queue;
}

/** Turns the client's events into log lines, remembering when each round's block began. */
function narrate(log: LabLog, blockStarts: Map<number, number>) {
  return (event: TimedClientEvent): void => {
    const since = (round: number) => {
      const start = blockStarts.get(round);
      return start === undefined ? '' : ` (${secondsSince(start, event.at)} s after the block began)`;
    };
    switch (event.type) {
      case 'connected':
        return log(`client round ${event.round}: connected`);
      case 'consuming':
        return log(`client round ${event.round}: consuming ${event.queue}, manual ack, prefetch ${event.prefetch}`);
      case 'delivery':
        return log(`client round ${event.round}: got delivery ${event.deliveryTag}${event.redelivered ? ' (redelivered)' : ''}`);
      case 'blocking':
        blockStarts.set(event.round, event.at);
        return log(`client round ${event.round}: handler blocks the event loop for ${event.ms / 1000} s — no heartbeats, no reads`);
      case 'unblocked':
        return log(`client round ${event.round}: handler returned after ${(event.ms / 1000).toFixed(1)} s, acking`);
      case 'acked':
        return log(`client round ${event.round}: ack ${event.deliveryTag} written (whether the broker gets it is another matter)`);
      case 'ack-failed':
        return log(`client round ${event.round}: ack failed: ${event.message}`);
      case 'connection-error':
        return log(`client round ${event.round}: ${event.message}${since(event.round)}`);
      case 'closed':
        return log(`client round ${event.round}: connection closed: ${event.message}${since(event.round)}`);
      case 'done':
        return log('client: all rounds done');
      case 'failed':
        return log(`client failed: ${event.message}`);
    }
  };
}

/** Says when the client's connection appears on the broker and when it vanishes. */
async function reportPresence(lookout: ConnectionLookout, blockStarts: Map<number, number>, log: LabLog): Promise<void> {
  const seen = await lookout.check();
  if (seen?.change === 'appeared') log(`broker: ${lookout.providedName} is open, heartbeat timeout ${seen.connection?.timeout ?? '?'} s`);
  if (seen?.change === 'vanished') {
    const lastBlock = [...blockStarts.values()].at(-1);
    const when = lastBlock === undefined ? '' : `, ${secondsSince(lastBlock)} s after the handler blocked`;
    log(`broker: ${lookout.providedName} is gone${when} (its log should say "missed heartbeats from client")`);
  }
}

export async function run(o: BlockedHandlerOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const connectionName = labConnectionName(NAME);
  const blockSeconds = o.block ?? 4 * o.heartbeat;
  log(
    `Expect on rabbitpulse: connection ${connectionName}, heartbeat ${o.heartbeat} s; while the handler blocks, its silence ` +
      `grows past ${o.heartbeat / 2} s, then the broker drops it (about ${2 * o.heartbeat}–${3 * o.heartbeat} s of silence) and it closes ` +
      `with cause heartbeat suspected; its 1 unacked message goes back to ready and is redelivered` +
      (o.repeat > 1 ? ` to the reconnected client, which blocks again (${o.repeat} times).` : '.'),
  );
  if (blockSeconds <= 3 * o.heartbeat) {
    log(`note: a ${blockSeconds} s block may end before the broker gives up (it drops after 2–3 heartbeats of silence)`);
  }
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const queue = await prepareQueue(cleanup);
    const blockStarts = new Map<number, number>();
    const config: BlockingConsumerConfig = {
      url: o.url,
      connectionName,
      heartbeat: o.heartbeat,
      queue,
      prefetch: 1,
      blockMs: blockSeconds * 1000,
      rounds: o.repeat,
      reconnectDelayMs: 1_000,
    };
    const client = spawnClient(new URL('../clients/blocking-consumer.ts', import.meta.url), config, {
      label: 'client',
      log,
      onEvent: narrate(log, blockStarts),
    });
    cleanup.defer('stop the client process', () => client.stop());
    const lookout = new ConnectionLookout(new Management(o.managementUrl, o.url, log), connectionName);
    const watch = () => reportPresence(lookout, blockStarts, log);
    cleanup.background('broker watch', every(1_000, cleanup.signal, watch));
    const end = await Promise.race([
      waitForEnd(cleanup.signal, o.duration).then((reason) => ({ reason, code: 0 })),
      client.exited.then((code) => ({ reason: `the client finished its ${o.repeat} round(s)`, code })),
    ]);
    // The client may notice the drop between two polls: look once more so the broker's side is told.
    await watch();
    if (end.code !== 0) throw new Error(`the client process exited with status ${end.code}`);
    log(`ending: ${end.reason}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'F1: a handler blocks the event loop past the heartbeat timeout; the broker drops the connection',
  options,
  run,
});
