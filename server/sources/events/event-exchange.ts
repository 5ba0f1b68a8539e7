import amqp, { type ChannelModel } from 'amqplib';
import type { EventExchangeStatus } from '../../contract';
import { CloseOrderTracker, type ObservedClose } from '../../analysis/close-order';
import { classifyProbeError } from '../../analysis/resets';
import { backoffMs, EQUAL_JITTER } from '../../backoff';
import { parseBrokerEvent, type BrokerEvent } from './broker-event';

export interface EventExchangeOptions {
  targetId: string;
  amqpUrl: string;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  onClose: (close: ObservedClose) => void;
  onNotice: (event: Extract<BrokerEvent, { kind: 'auth.failure' | 'alarm' }>) => void;
  /** Every state but `disabled` (the owner's, when it starts no subscriber). */
  onState: (status: EventExchangeStatus) => void;
}

export const eventsConnectionName = (targetId: string) => `rabbitpulse-events/${targetId}`;
const EXCHANGE = 'amq.rabbitmq.event';
// consumer.* is bound as the design asks, though close order needs only connection and channel events.
const KEYS = ['connection.*', 'channel.*', 'consumer.*', 'alarm.*', 'user.authentication.failure'];
const NOT_ENABLED_RETRY_MS = 30_000;

/**
 * Subscribes to the broker's event exchange so a closed connection of any
 * application is known within milliseconds instead of at the next poll. The
 * exchange lives in vhost "/" whatever vhost the target URL names. If the
 * plugin is off the exchange does not exist (404): say so, with the command
 * that enables it, and look again every 30 s; polls still find closes.
 */
export class EventExchangeSubscriber {
  private model: ChannelModel | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private attempts = 0;
  private tracker = new CloseOrderTracker();

  constructor(private readonly opts: EventExchangeOptions) {}

  start(): void {
    this.opts.onState({ state: 'connecting', message: 'Subscribing to the broker event exchange.' });
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.model?.close().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const url = new URL(this.opts.amqpUrl);
    url.pathname = '/'; // the event exchange is in the default vhost
    let model: ChannelModel;
    try {
      model = await amqp.connect(url.toString(), { clientProperties: { connection_name: eventsConnectionName(this.opts.targetId), product: 'rabbitpulse' }, timeout: 10_000 });
    } catch (err) {
      this.retry(`Cannot connect to subscribe to broker events: ${classifyProbeError(err, 'connect').detail}`);
      return;
    }
    this.model = model;
    model.on('error', () => {});
    model.on('close', () => {
      if (this.model !== model || this.stopped) return;
      this.model = null;
      this.retry('The event-exchange subscription connection closed; reconnecting. Closes are still found by polls meanwhile.');
    });
    try {
      const ch = await model.createChannel();
      ch.on('error', () => {});
      await ch.checkExchange(EXCHANGE);
      const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
      for (const key of KEYS) await ch.bindQueue(queue, EXCHANGE, key);
      // Events missed while unsubscribed would leave stale entries (closes never seen) and wrong channel
      // sets: start afresh, so connections from before now are of unknown order, as they truly are.
      this.tracker = new CloseOrderTracker();
      await ch.consume(queue, (msg) => msg && this.handle(msg.fields.routingKey, (msg.properties.headers ?? {}) as Record<string, unknown>), { noAck: true });
    } catch (err) {
      const notFound = (err as { code?: number }).code === 404;
      this.model = null;
      await model.close().catch(() => {});
      if (notFound) {
        this.opts.onState({
          state: 'not-enabled',
          message: 'The broker event exchange is not enabled, so closes are seen only at the next poll. Enable it: rabbitmq-plugins enable rabbitmq_event_exchange',
        });
        this.later(NOT_ENABLED_RETRY_MS);
      } else {
        this.retry(`Subscribing to broker events failed: ${(err as Error).message}`);
      }
      return;
    }
    this.attempts = 0;
    this.opts.onState({ state: 'subscribed', message: 'Subscribed to the broker event exchange: closes are reported as they happen.' });
  }

  private handle(routingKey: string, headers: Record<string, unknown>): void {
    const event = parseBrokerEvent(routingKey, headers, Date.now());
    if (!event) return;
    if (event.kind === 'auth.failure' || event.kind === 'alarm') {
      this.opts.onNotice(event);
      return;
    }
    const close = this.tracker.onEvent(event);
    if (close) this.opts.onClose(close);
  }

  private retry(message: string): void {
    this.attempts++;
    this.opts.onState({ state: 'down', message });
    this.later(backoffMs(this.attempts, { baseMs: this.opts.reconnectBaseMs, maxMs: this.opts.reconnectMaxMs, jitter: EQUAL_JITTER }, Math.random()));
  }

  private later(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.connect(), ms);
  }
}
