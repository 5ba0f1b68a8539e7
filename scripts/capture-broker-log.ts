// Captures what RabbitMQ publishes on its log exchange (amq.rabbitmq.log) for
// each way a connection or channel can end, as fixtures for the broker-log
// parser (server/sources/broker-log/). Run it again to refresh them, e.g.
// after a broker upgrade:
//
//   node --import tsx scripts/capture-broker-log.ts              # all scenarios, writes the fixtures
//   node --import tsx scripts/capture-broker-log.ts double-ack   # only these (name prefixes), prints, writes nothing
//
// It needs root (it starts a private node, test/support/private-broker.ts,
// never the machine's own broker) and takes about three minutes, most of it
// waiting for the broker's once-a-minute consumer-timeout check.
//
// Writes test/unit/broker-log/fixtures/rabbitmq-<version>.json: every
// log-exchange message, `{ scenario, routingKey, node, body }`, body exactly as
// sent (plus `bodyBase64` when the bytes are not UTF-8), then the node's
// shutdown lines about connections, which only its log file gets (`via:
// 'log-file'`, see broker-log-capture/node-log-file.ts). And
// rabbitmq-<version>.event-pids.json: the event exchange's `connection.created`
// pid of each connection, to check the log's `<0.N.M>` pids against.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPrivateBroker, type PrivateBroker } from '../test/support/private-broker';
import { sleep } from '../test/support/wait';
import { brokerScenarios } from './broker-log-capture/broker-scenarios';
import { channelScenarios } from './broker-log-capture/channel-scenarios';
import { brokerClients, type Broker } from './broker-log-capture/clients';
import { connectionScenarios } from './broker-log-capture/connection-scenarios';
import { NODE_LOG_FILE, shutdownConnectionEvents } from './broker-log-capture/node-log-file';
import { Recorder } from './broker-log-capture/recorder';
import { HOSTILE_NAMES, type Scenario } from './broker-log-capture/scenario';

const CONFIG = {
  'log.exchange': 'true',
  'log.exchange.level': 'info',
  consumer_timeout: '10000',
  max_message_size: '1048576',
  // 10 s by default; shorter so the silent-socket scenario does not wait long.
  handshake_timeout: '3000',
  // For the shutdown lines the exchange cannot deliver (node-log-file.ts); the exchange's output is unchanged by it.
  'log.file': NODE_LOG_FILE,
};
/** Lines that trail a scenario's own (a close after the channel error) still get its label. */
const SETTLE_MS = 1_500;
const FIXTURES = fileURLToPath(new URL('../test/unit/broker-log/fixtures/', import.meta.url));

async function runScenario(s: Scenario, broker: Broker, recorder: Recorder): Promise<void> {
  recorder.scenario = s.name;
  console.log(`${new Date().toISOString()} ${s.name}`);
  const end = await s.run(broker);
  await recorder.waitForLine(s.expect, s.waitMs ?? 10_000);
  if (end) await end();
  if (s.expectAfterEnd) await recorder.waitForLine(s.expectAfterEnd, s.waitMs ?? 10_000);
  await sleep(SETTLE_MS);
}

/** Stops the node with clients still connected; the capture's own connection goes with it, so this is last. */
async function captureShutdown(broker: Broker, recorder: Recorder): Promise<void> {
  recorder.scenario = 'shutdown';
  console.log(`${new Date().toISOString()} shutdown`);
  await broker.connect('still-here-at-shutdown');
  await broker.connect(HOSTILE_NAMES.newline);
  await broker.node.stop();
  recorder.messages.push(...shutdownConnectionEvents(broker.node, 'shutdown'));
}

async function main(filters: string[]): Promise<void> {
  const chosen = [...connectionScenarios, ...channelScenarios, ...brokerScenarios].filter((s) => filters.length === 0 || filters.some((f) => s.name.startsWith(f)));
  // private-broker.ts unrefs the node's process, so destroy() waiting for it to exit would not keep
  // this script alive: without this timer a failure would end the script silently, with status 0.
  const keepAlive = setInterval(() => {}, 60_000);
  const node: PrivateBroker = await startPrivateBroker({ config: CONFIG });
  const recorder = new Recorder();
  try {
    const broker = brokerClients(node);
    const { rabbitmq_version: version } = (await broker.management('GET', '/api/overview?columns=rabbitmq_version')) as { rabbitmq_version: string };
    await recorder.open(node.amqpUrl);
    await sleep(SETTLE_MS);
    for (const s of chosen) await runScenario(s, broker, recorder);
    if (filters.length === 0 || filters.includes('shutdown')) await captureShutdown(broker, recorder);
    await recorder.close();
    if (filters.length > 0) {
      console.log(JSON.stringify({ messages: recorder.messages, eventPids: recorder.eventPids }, null, 2));
      return;
    }
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(`${FIXTURES}rabbitmq-${version}.json`, JSON.stringify(recorder.messages, null, 2) + '\n');
    writeFileSync(`${FIXTURES}rabbitmq-${version}.event-pids.json`, JSON.stringify(recorder.eventPids, null, 2) + '\n');
    console.log(`wrote ${recorder.messages.length} log messages and ${recorder.eventPids.length} event pids to ${FIXTURES}`);
  } finally {
    await recorder.close();
    await node.destroy();
    clearInterval(keepAlive);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
