// Records what the broker publishes on its log exchange (amq.rabbitmq.log) and
// the pids its event exchange gives connections, labelled with the scenario
// that was running when each arrived.

import amqp, { type ChannelModel } from 'amqplib';
import { sleep } from '../../test/support/wait';

/** One fixture entry: a log-exchange message as it arrived. */
export interface CapturedLogMessage {
  scenario: string;
  routingKey: string;
  node: string | null;
  /** The body's bytes as UTF-8 text, unaltered — or, where they are not valid UTF-8, decoded as a consumer would (U+FFFD). */
  body: string;
  /** The exact bytes, only when `body` could not hold them (the broker logs a client's raw bytes in frame errors). */
  bodyBase64?: string;
  /** `log-file`: not delivered on the exchange; read from the node's log file (see node-log-file.ts). */
  via?: 'log-file';
}

/** A `connection.created` event: how the event exchange writes a pid, for the pid-key join. */
export interface CapturedEventPid {
  scenario: string;
  name: string | null;
  providedName: string | null;
  pid: string | null;
  /** What amqplib handed us for the `pid` header: a string, or a Buffer (longstr). */
  pidType: string;
}

/** Header values come as strings or Buffers (AMQP longstr) depending on the broker's encoding. */
const headerText = (v: unknown): string | null => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : v == null ? null : String(v));

export class Recorder {
  readonly messages: CapturedLogMessage[] = [];
  readonly eventPids: CapturedEventPid[] = [];
  scenario = 'setup';
  private model: ChannelModel | null = null;

  async open(amqpUrl: string): Promise<void> {
    const model = await amqp.connect(amqpUrl, { clientProperties: { connection_name: 'capture-broker-log' } });
    this.model = model;
    // The shutdown scenario takes this connection away too; that is expected.
    model.on('error', () => {});
    await this.waitForLogExchange(model);
    const ch = await model.createChannel();
    const logQueue = (await ch.assertQueue('', { exclusive: true })).queue;
    await ch.bindQueue(logQueue, 'amq.rabbitmq.log', '#');
    await ch.consume(logQueue, (msg) => {
      if (!msg) return;
      const body = msg.content.toString('utf8');
      const node = headerText((msg.properties.headers ?? {}).node);
      const entry: CapturedLogMessage = { scenario: this.scenario, routingKey: msg.fields.routingKey, node, body };
      // A JSON string cannot hold bytes that are not UTF-8: keep them exactly as well.
      if (!Buffer.from(body, 'utf8').equals(msg.content)) entry.bodyBase64 = msg.content.toString('base64');
      this.messages.push(entry);
    }, { noAck: true });
    const eventQueue = (await ch.assertQueue('', { exclusive: true })).queue;
    await ch.bindQueue(eventQueue, 'amq.rabbitmq.event', 'connection.created');
    await ch.consume(eventQueue, (msg) => {
      if (!msg) return;
      const h = msg.properties.headers ?? {};
      this.eventPids.push({
        scenario: this.scenario,
        name: headerText(h.name),
        providedName: headerText(h.user_provided_name),
        pid: headerText(h.pid),
        pidType: Buffer.isBuffer(h.pid) ? 'Buffer' : typeof h.pid,
      });
    }, { noAck: true });
  }

  /**
   * The node declares amq.rabbitmq.log a few seconds after it answers (its
   * logger retries every 5 s until the node is ready), so look until it is there.
   */
  private async waitForLogExchange(model: ChannelModel): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ch = await model.createChannel();
      ch.on('error', () => {}); // a 404 closes this channel; the next attempt opens another
      try {
        await ch.checkExchange('amq.rabbitmq.log');
        await ch.close();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`amq.rabbitmq.log did not appear within 30 s (is log.exchange = true?): ${(err as Error).message}`);
        await sleep(500);
      }
    }
  }

  /** The bodies captured so far in the current scenario. */
  private currentBodies(): string[] {
    return this.messages.filter((m) => m.scenario === this.scenario).map((m) => m.body);
  }

  /** Waits until a body of the current scenario matches; false on timeout (the capture goes on, with a warning). */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.currentBodies().some((b) => pattern.test(b))) return true;
      await sleep(100);
    }
    console.warn(`[${this.scenario}] no log line matching ${pattern} within ${timeoutMs} ms`);
    return false;
  }

  async close(): Promise<void> {
    await this.model?.close().catch(() => {});
  }
}
