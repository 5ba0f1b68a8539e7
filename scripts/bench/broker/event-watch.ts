import amqp from 'amqplib';
import { parseBrokerEvent } from '../../../server/sources/events/broker-event';
import { waitFor } from '../../../test/support/wait';
import type { Cleanup } from '../support/cleanup';

/**
 * The benchmark's own subscription to the broker's event exchange, for two
 * things: the broker's name of a connection we only know by its
 * client-provided name (rabbitpulse's probe, our victims), without listing
 * 5,000 connections; and when the broker announced a close — the floor under
 * rabbitpulse's detection latency.
 */
export interface EventWatch {
  /** The broker's name of the newest open connection with this provided name. */
  nameOf(providedName: string): string | undefined;
  /** Waits for an open connection with this provided name whose broker name is not `not`. */
  waitForOpen(providedName: string, not?: string, timeoutMs?: number): Promise<string>;
  /** When `connection.closed` for this broker name arrived here (Date.now()), if it has. */
  closedAt(name: string): number | undefined;
}

export async function watchConnectionEvents(amqpUrl: string, cleanup: Cleanup): Promise<EventWatch> {
  const model = await amqp.connect(amqpUrl, { clientProperties: { connection_name: 'rabbitpulse-bench/events' } });
  model.on('error', () => {});
  cleanup.add('event-exchange watch', () => model.close().catch(() => {}));
  const ch = await model.createChannel();
  const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
  await ch.bindQueue(queue, 'amq.rabbitmq.event', 'connection.*');
  const open = new Map<string, string>();
  const closed = new Map<string, number>();
  await ch.consume(
    queue,
    (msg) => {
      if (!msg) return;
      const now = Date.now();
      const e = parseBrokerEvent(msg.fields.routingKey, (msg.properties.headers ?? {}) as Record<string, unknown>, now);
      if (e?.kind === 'connection.created' && e.providedName) open.set(e.providedName, e.name);
      if (e?.kind === 'connection.closed') {
        closed.set(e.name, now);
        if (e.providedName && open.get(e.providedName) === e.name) open.delete(e.providedName);
      }
    },
    { noAck: true },
  );
  return {
    nameOf: (providedName) => open.get(providedName),
    waitForOpen: (providedName, not, timeoutMs = 30_000) =>
      waitFor(`connection "${providedName}" to open`, () => {
        const name = open.get(providedName);
        return name !== undefined && name !== not && name;
      }, { timeoutMs, intervalMs: 10 }),
    closedAt: (name) => closed.get(name),
  };
}
