// Scenarios that end a whole connection: by the client, by the broker for a
// reason, or before the connection is ever open.

import { connect as tcpConnect, type Socket } from 'node:net';
import { sleep, waitFor } from '../../test/support/wait';
import { blockingChild, type Broker } from './clients';
import { HOSTILE_NAMES, type Scenario } from './scenario';

/** AMQP 0-9-1's protocol header: what a client sends first. */
const PROTOCOL_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]);

/** A raw TCP client to the AMQP port, for what amqplib would never send. */
async function rawSocket(broker: Broker, bytes: Buffer[]): Promise<() => Promise<void>> {
  const socket: Socket = tcpConnect(broker.node.amqpPort, '127.0.0.1');
  socket.on('error', () => {});
  socket.on('data', () => {}); // connection.start etc.: read and dropped
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  for (const b of bytes) {
    socket.write(b);
    await sleep(200); // let the broker answer the header before the garbage arrives
  }
  return async () => void socket.destroy();
}

/** The broker's name (`ip:port -> ip:port`) of the connection with this client-provided name. */
async function brokerName(broker: Broker, providedName: string): Promise<string> {
  return waitFor(`the management API to list ${JSON.stringify(providedName)}`, async () => {
    const list = (await broker.management('GET', '/api/connections?columns=name,user_provided_name')) as Array<{ name: string; user_provided_name?: string }>;
    return list.find((c) => c.user_provided_name === providedName)?.name;
  }, { timeoutMs: 20_000, intervalMs: 250 });
}

const cleanClose = (label: string, name: string): Scenario => ({
  name: `clean-close/${label}`,
  expect: /closing AMQP connection/,
  async run(broker) {
    const model = await broker.connect(name);
    const ch = await model.createChannel();
    await ch.close();
    await model.close();
  },
});

export const connectionScenarios: Scenario[] = [
  cleanClose('plain', 'clean-closer'),
  ...Object.entries(HOSTILE_NAMES).map(([label, name]) => cleanClose(label, name)),
  {
    name: 'missed-heartbeats',
    expect: /missed heartbeats/,
    waitMs: 20_000,
    async run(broker) {
      const child = blockingChild(broker.node.amqpUrl, HOSTILE_NAMES.arrows, 2, 20);
      await child.said('blocking');
      return () => child.kill();
    },
  },
  {
    name: 'client-killed',
    expect: /unexpectedly closed TCP connection/,
    async run(broker) {
      const child = blockingChild(broker.node.amqpUrl, HOSTILE_NAMES.quotes, 30, 60);
      await child.said('connected');
      await child.kill();
    },
  },
  {
    name: 'forced-close',
    expect: /planned maintenance/,
    async run(broker) {
      const name = HOSTILE_NAMES.nonAscii;
      const model = await broker.connect(name);
      await model.createChannel();
      const conn = await brokerName(broker, name);
      await broker.management('DELETE', `/api/connections/${encodeURIComponent(conn)}`, undefined, { 'X-Reason': 'planned maintenance' });
    },
  },
  {
    name: 'auth-failure',
    expect: /authentication|refused|invalid credentials/i,
    async run(broker) {
      await broker.connect('wrong-password', { password: 'not-the-password' }).catch(() => {});
    },
  },
  {
    name: 'access-refused/vhost',
    expect: /access to vhost/,
    async run(broker) {
      await broker.management('PUT', '/api/vhosts/restricted');
      await broker.management('PUT', '/api/users/limited', { password: 'limited-pw', tags: '' });
      await broker.connect('no-permission', { user: 'limited', password: 'limited-pw', vhost: 'restricted' }).catch(() => {});
    },
  },
  {
    name: 'handshake-timeout',
    expect: /handshake_timeout|timeout/,
    async run(broker) {
      return rawSocket(broker, []); // connects and says nothing
    },
  },
  {
    name: 'bad-protocol-header',
    expect: /header|closing|error/i,
    async run(broker) {
      return rawSocket(broker, [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')]);
    },
  },
  {
    name: 'frame-error/bad-frame-end',
    expect: /frame/,
    async run(broker) {
      // A method frame on channel 0 with 4 bytes of payload and 0x00 where the frame-end octet 0xCE belongs.
      const frame = Buffer.from([1, 0, 0, 0, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef, 0x00]);
      return rawSocket(broker, [PROTOCOL_HEADER, frame]);
    },
  },
  {
    name: 'frame-error/garbage',
    expect: /frame|error|closing/i,
    async run(broker) {
      return rawSocket(broker, [PROTOCOL_HEADER, Buffer.from('this is not an AMQP frame at all, just text\n'.repeat(4))]);
    },
  },
];
