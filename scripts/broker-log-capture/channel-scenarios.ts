// Scenarios that make the broker close a channel with an AMQP exception. Each
// opens its own connection and closes it when the line is in, so the clean
// close that follows is part of the capture too.

import type { Channel, ChannelModel } from 'amqplib';
import type { Broker } from './clients';
import { HOSTILE_NAMES, type Scenario } from './scenario';

/** A connection and a channel whose errors are expected, not fatal. */
async function openChannel(broker: Broker, name: string, o: Parameters<Broker['connect']>[1] = {}): Promise<{ model: ChannelModel; ch: Channel }> {
  const model = await broker.connect(name, o);
  const ch = await model.createChannel();
  ch.on('error', () => {});
  return { model, ch };
}

const closing = (...models: ChannelModel[]) => async () => {
  for (const m of models) await m.close().catch(() => {});
};

/** Runs a call the broker will refuse; its rejection is the point. */
const refused = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);

export const channelScenarios: Scenario[] = [
  {
    name: 'double-ack',
    expect: /unknown delivery tag/,
    async run(broker) {
      const { model, ch } = await openChannel(broker, 'double-acker');
      const { queue } = await ch.assertQueue('', { exclusive: true });
      ch.sendToQueue(queue, Buffer.from('one'));
      let msg = await ch.get(queue, { noAck: false });
      while (!msg) msg = await ch.get(queue, { noAck: false });
      ch.ack(msg);
      ch.ack(msg); // delivery tag 1 again
      return closing(model);
    },
  },
  {
    name: 'not-found',
    expect: /not_found|NOT_FOUND/,
    async run(broker) {
      const { model, ch } = await openChannel(broker, 'queue-checker');
      await refused(ch.checkQueue('no-such-queue'));
      return closing(model);
    },
  },
  {
    name: 'resource-locked',
    expect: /resource_locked|RESOURCE_LOCKED/,
    async run(broker) {
      const owner = await openChannel(broker, 'exclusive-owner');
      await owner.ch.assertQueue('owned-exclusively', { exclusive: true });
      const other = await openChannel(broker, 'exclusive-intruder');
      await refused(other.ch.consume('owned-exclusively', () => {}));
      return closing(other.model, owner.model);
    },
  },
  {
    name: 'inequivalent-arg',
    expect: /inequivalent arg/,
    async run(broker) {
      const { model, ch } = await openChannel(broker, 'redeclarer');
      await ch.assertQueue('durable-queue', { durable: true });
      const again = await model.createChannel();
      again.on('error', () => {});
      await refused(again.assertQueue('durable-queue', { durable: false }));
      return async () => {
        await ch.deleteQueue('durable-queue').catch(() => {});
        await closing(model)();
      };
    },
  },
  {
    name: 'message-too-large',
    expect: /larger than|max size|message_size|too large/i,
    async run(broker) {
      const { model, ch } = await openChannel(broker, 'big-publisher');
      const { queue } = await ch.assertQueue('', { exclusive: true });
      ch.sendToQueue(queue, Buffer.alloc(2 * 1024 * 1024, 0x61)); // 2 MiB against max_message_size 1 MiB
      return closing(model);
    },
  },
  {
    name: 'access-refused/channel',
    expect: /access_refused|ACCESS_REFUSED/,
    async run(broker) {
      // The user may connect to the vhost but has no configure rights (PUTs are idempotent: access-refused/vhost made them too).
      await broker.management('PUT', '/api/vhosts/restricted');
      await broker.management('PUT', '/api/users/limited', { password: 'limited-pw', tags: '' });
      await broker.management('PUT', '/api/permissions/restricted/limited', { configure: '^$', write: '.*', read: '.*' });
      const { model, ch } = await openChannel(broker, 'configure-denied', { user: 'limited', password: 'limited-pw', vhost: 'restricted' });
      await refused(ch.assertQueue('not-allowed-here'));
      return closing(model);
    },
  },
  {
    name: 'consumer-timeout',
    expect: /Channel error on connection/,
    // consumer_timeout is 10 s but the broker looks only about once a minute.
    waitMs: 80_000,
    async run(broker) {
      const { model, ch } = await openChannel(broker, HOSTILE_NAMES.trailer);
      const { queue } = await ch.assertQueue('', { exclusive: false, autoDelete: true });
      ch.sendToQueue(queue, Buffer.from('never acked'));
      await ch.consume(queue, () => {}, { noAck: false, consumerTag: 'never-acks' });
      return closing(model);
    },
  },
];
