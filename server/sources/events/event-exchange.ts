import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { BrokerLogKept, BrokerLogStatus, EventExchangeStatus } from '../../contract';
import { CloseOrderTracker, type ObservedClose } from '../../analysis/close-order';
import { classifyProbeError } from '../../analysis/resets';
import { backoffMs, EQUAL_JITTER } from '../../backoff';
import { BrokerCloseJoiner, type CloseFinding, type TimeoutWarning } from '../broker-log/close-joiner';
import type { BrokerFinding } from '../broker-log/finding';
import { parseBrokerLog } from '../broker-log/parse-log-line';
import { parseBrokerEvent, type BrokerEvent } from './broker-event';

export interface EventExchangeOptions {
  targetId: string;
  amqpUrl: string;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** Subscribe to the broker's log exchange too, where the broker has it. */
  brokerLog: boolean;
  /** How long a close waits for the broker's log line about it (BrokerCloseJoiner). */
  closeWaitMs: number;
  /** A close, with the broker's own line about it when the log exchange gave one in time. */
  onClose: (close: ObservedClose, finding: CloseFinding | null) => void;
  /** The broker's line about a close already posted, which says more than what was posted. */
  onCloseRefined: (close: ObservedClose, finding: CloseFinding) => void;
  /** Log lines about something other than a close: channel errors, consumer timeouts, notices. */
  onFinding: (finding: BrokerFinding, warning: TimeoutWarning | null) => void;
  onNotice: (event: Extract<BrokerEvent, { kind: 'auth.failure' | 'alarm' }>) => void;
  /** Every state but `disabled` (the owner's, when it starts no subscriber). */
  onState: (status: EventExchangeStatus) => void;
  onLogState: (status: BrokerLogStatus) => void;
  /**
   * The broker closed the subscription because its node is shutting down: its
   * own words, at the moment every connection on the node goes. The log
   * exchange goes down first (measured on 3.10.8: its per-connection shutdown
   * lines reach only the log file), so this is the only word of it.
   */
  onBrokerShutdown: (shutdown: { at: number; text: string }) => void;
}

export const eventsConnectionName = (targetId: string) => `rabbitpulse-events/${targetId}`;
const EXCHANGE = 'amq.rabbitmq.event';
// consumer.* is bound as the design asks, though close order needs only connection and channel events.
const KEYS = ['connection.*', 'channel.*', 'consumer.*', 'alarm.*', 'user.authentication.failure'];
const NOT_ENABLED_RETRY_MS = 30_000;
const LOG_EXCHANGE = 'amq.rabbitmq.log';
const LOG_EARLY_LOOK_MS = 60_000;
const LOG_EARLY_RETRY_MS = 5_000;
/** Routing key = level. Bound one by one so a broker logging at debug does not flood us with debug lines. */
const LOG_LEVELS = ['info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

export const LOG_NOT_ENABLED_MESSAGE =
  "The broker's log exchange is off, so the causes of other applications' closes are inferred from the order of events and their silence (labelled with a certainty). " +
  'Turn it on to get the broker\'s own words for every close, channel error and consumer timeout: add log.exchange = true and log.exchange.level = info to rabbitmq.conf and restart the broker.';

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
  private logTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private attempts = 0;
  private tracker = new CloseOrderTracker();
  private readonly joiner: BrokerCloseJoiner;

  constructor(private readonly opts: EventExchangeOptions) {
    this.joiner = new BrokerCloseJoiner({
      waitMs: opts.closeWaitMs,
      onClose: opts.onClose,
      onRefine: opts.onCloseRefined,
      onFinding: opts.onFinding,
    });
  }

  /** What the close joiner holds; null when the log subscription is turned off. */
  kept(): BrokerLogKept | null {
    return this.opts.brokerLog ? this.joiner.size() : null;
  }

  start(): void {
    this.opts.onState({ state: 'connecting', message: 'Subscribing to the broker event exchange.' });
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.logTimer) clearTimeout(this.logTimer);
    this.joiner.stop();
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
    model.on('close', (closeErr: unknown) => {
      if (this.model !== model || this.stopped) return;
      this.model = null;
      this.joiner.setLogActive(false);
      const why = closeErr ? classifyProbeError(closeErr, 'connected') : null;
      if (why?.cause === 'shutdown') this.opts.onBrokerShutdown({ at: Date.now(), text: why.detail });
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
    if (this.opts.brokerLog) await this.subscribeLog(model);
  }

  /**
   * On its own channel: a missing exchange (404) closes the channel it was
   * asked on, and the event subscription must not go with it. The exchange
   * exists only when rabbitmq.conf turns it on, and a node declares it a few
   * seconds after it starts answering (measured on 3.10.8: its logger retries
   * every 5 s), so a 404 is asked again: every 5 s for the first minute of
   * the connection, then every 30 s.
   */
  private async subscribeLog(model: ChannelModel, connectedAt = Date.now()): Promise<void> {
    if (this.model !== model || this.stopped) return;
    try {
      const ch = await model.createChannel();
      ch.on('error', () => {});
      try {
        await ch.checkExchange(LOG_EXCHANGE);
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
        this.joiner.setLogActive(false);
        this.opts.onLogState({ state: 'not-enabled', message: LOG_NOT_ENABLED_MESSAGE });
        const again = Date.now() - connectedAt < LOG_EARLY_LOOK_MS ? LOG_EARLY_RETRY_MS : NOT_ENABLED_RETRY_MS;
        this.logTimer = setTimeout(() => void this.subscribeLog(model, connectedAt), again);
        return;
      }
      const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
      for (const level of LOG_LEVELS) await ch.bindQueue(queue, LOG_EXCHANGE, level);
      await ch.consume(queue, (msg) => msg && this.handleLog(msg), { noAck: true });
    } catch (err) {
      if (this.model !== model) return;
      this.joiner.setLogActive(false);
      this.opts.onLogState({ state: 'down', message: `Subscribing to the broker's log exchange failed: ${(err as Error).message}. Causes are inferred meanwhile.` });
      return;
    }
    this.joiner.setLogActive(true);
    this.opts.onLogState({ state: 'subscribed', message: "Subscribed to the broker's log exchange: closes, channel errors and consumer timeouts carry the broker's own words." });
  }

  private handleLog(msg: ConsumeMessage): void {
    const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
    const node = typeof headers.node === 'string' ? headers.node : Buffer.isBuffer(headers.node) ? headers.node.toString() : null;
    for (const finding of parseBrokerLog(msg.fields.routingKey, node, msg.content.toString('utf8'), Date.now())) this.joiner.onFinding(finding);
  }

  private handle(routingKey: string, headers: Record<string, unknown>): void {
    const event = parseBrokerEvent(routingKey, headers, Date.now());
    if (!event) return;
    if (event.kind === 'auth.failure' || event.kind === 'alarm') {
      this.opts.onNotice(event);
      return;
    }
    const close = this.tracker.onEvent(event);
    if (close) this.joiner.onClose(close);
  }

  private retry(message: string): void {
    this.attempts++;
    this.opts.onState({ state: 'down', message });
    if (this.opts.brokerLog) this.opts.onLogState({ state: 'down', message: 'Waiting for the event-exchange subscription, whose connection the log subscription shares.' });
    this.later(backoffMs(this.attempts, { baseMs: this.opts.reconnectBaseMs, maxMs: this.opts.reconnectMaxMs, jitter: EQUAL_JITTER }, Math.random()));
  }

  private later(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.connect(), ms);
  }
}
