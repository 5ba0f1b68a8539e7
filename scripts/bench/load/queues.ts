import amqp from 'amqplib';
import { queueName } from './plan';

/**
 * Declares the queues and fills each with a few small messages before any
 * consumer starts, so manual-ack consumers end up holding unacked messages.
 * Queues are non-durable: they live and die with the private node.
 */
export async function declareQueues(amqpUrl: string, o: { queues: number; messagesPerQueue: number }): Promise<number> {
  const model = await amqp.connect(amqpUrl, { clientProperties: { connection_name: 'rabbitpulse-bench/setup' } });
  try {
    const ch = await model.createConfirmChannel();
    const body = Buffer.alloc(256, 'x');
    for (let i = 0; i < o.queues; i++) {
      const q = queueName(i);
      await ch.assertQueue(q, { durable: false });
      for (let m = 0; m < o.messagesPerQueue; m++) ch.sendToQueue(q, body);
      if (i % 200 === 199) await ch.waitForConfirms();
    }
    await ch.waitForConfirms();
    return o.queues * o.messagesPerQueue;
  } finally {
    await model.close();
  }
}
