import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { CloseCause, Outage, ProbeLinkState } from '../../contract';
import { classifyProbeError, type ProbeFailure } from '../../analysis/resets';
import { backoffMs, EQUAL_JITTER } from '../../backoff';
import { tapConnection } from './amqplib-adapter';
import { HeartbeatTracker } from './heartbeat-tracker';
import { RoundTripTracker } from './round-trip';

export interface ProbeConnectionOptions {
  targetId: string;
  amqpUrl: string;
  heartbeatSec: number;
  roundTripIntervalMs: number;
  roundTripDeadlineMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** Called at once when the link goes down (once per outage) or a channel error happens. */
  onFailure: (f: ProbeFailure & { at: number; wasUp: boolean }) => void;
  /** Called when the link is back after an outage. */
  onRecovered: (outage: Outage) => void;
}

export const probeConnectionName = (targetId: string) => `rabbitpulse-probe/${targetId}`;

/**
 * rabbitpulse's own long-lived connection to one target: heartbeat timings
 * from the wire, and a round-trip message every few seconds through its own
 * auto-deleted queue (so nothing is left behind). Reconnects forever with
 * exponential backoff and equal jitter (so many probes do not reconnect in
 * step), recording each outage.
 */
export class ProbeConnection {
  readonly heartbeat = new HeartbeatTracker();
  readonly roundTrip: RoundTripTracker;
  private model: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;
  private queue: string | null = null;
  private state: ProbeLinkState = 'connecting';
  private since = Date.now();
  private lastError: { cause: CloseCause; message: string; at: number } | null = null;
  private attempts = 0;
  private nextAttemptAt: number | null = null;
  private openOutage: Outage | null = null;
  private readonly outages: Outage[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private seq = 0;

  constructor(private readonly opts: ProbeConnectionOptions) {
    this.roundTrip = new RoundTripTracker(opts.roundTripIntervalMs, opts.roundTripDeadlineMs);
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const model = this.model;
    this.model = null;
    await model?.close().catch(() => {});
  }

  snapshot() {
    return {
      connectionName: probeConnectionName(this.opts.targetId),
      state: this.state,
      since: this.since,
      lastError: this.lastError,
      reconnectAttempts: this.attempts,
      nextAttemptAt: this.nextAttemptAt,
      outages: [...(this.openOutage ? [this.openOutage] : []), ...this.outages],
    };
  }

  private setState(state: ProbeLinkState, at: number): void {
    if (this.state !== state) {
      this.state = state;
      this.since = at;
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.nextAttemptAt = null;
    const url = new URL(this.opts.amqpUrl);
    url.searchParams.set('heartbeat', String(this.opts.heartbeatSec));
    let model: ChannelModel;
    try {
      model = await amqp.connect(url.toString(), {
        clientProperties: { connection_name: probeConnectionName(this.opts.targetId), product: 'rabbitpulse' },
        timeout: 10_000,
      });
    } catch (err) {
      this.fail(classifyProbeError(err, 'connect'), Date.now());
      return;
    }
    if (this.stopped) {
      await model.close().catch(() => {});
      return;
    }
    const at = Date.now();
    try {
      this.heartbeat.connected(tapConnection(model, this.heartbeat), at);
      this.model = model;
      this.watch(model);
      await this.openChannel(model);
    } catch (err) {
      await model.close().catch(() => {});
      this.fail(classifyProbeError(err, 'connect'), Date.now());
      return;
    }
    this.attempts = 0;
    // lastError is kept (with its time) so the page can still say what the last outage was.
    if (this.openOutage) {
      const outage = { ...this.openOutage, endedAt: at, durationMs: at - this.openOutage.startedAt };
      this.openOutage = null;
      this.outages.unshift(outage);
      this.outages.splice(20);
      this.opts.onRecovered(outage);
    }
    this.setState('up', at);
    this.scheduleRoundTrip();
  }

  private watch(model: ChannelModel): void {
    let error: unknown = null;
    // amqplib emits 'error' before 'close' for faults; a forced close (320) comes as 'close' only.
    model.on('error', (err: unknown) => (error = err));
    model.on('close', (closeErr: unknown) => {
      if (this.model !== model) return;
      this.model = null;
      this.channel = null;
      this.heartbeat.disconnected();
      this.roundTrip.expire(Date.now(), true);
      if (this.stopped) return;
      this.fail(classifyProbeError(error ?? closeErr ?? new Error('connection closed'), 'connected'), Date.now());
    });
  }

  private async openChannel(model: ChannelModel): Promise<void> {
    const ch = await model.createConfirmChannel();
    ch.on('error', (err: unknown) => {
      const f = classifyProbeError(err, 'channel');
      this.lastError = { cause: f.cause, message: f.detail, at: Date.now() };
      this.opts.onFailure({ ...f, at: Date.now(), wasUp: true });
    });
    ch.on('close', () => {
      if (this.channel !== ch || this.model !== model) return;
      this.channel = null;
      // The connection survived a channel error: reopen the channel shortly.
      this.later(1000, () => void this.openChannel(model).catch(() => {}));
    });
    // Exclusive + auto-delete: the queue dies with the connection, so rabbitpulse leaves nothing behind.
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await ch.consume(
      queue,
      (msg) => {
        if (!msg) return;
        this.roundTrip.deliveredAt(String(msg.properties.messageId), Date.now());
        ch.ack(msg);
      },
      { noAck: false },
    );
    this.channel = ch;
    this.queue = queue;
  }

  private scheduleRoundTrip(): void {
    this.later(this.opts.roundTripIntervalMs, () => {
      if (this.stopped || !this.model) return;
      this.sendRoundTrip();
      this.roundTrip.expire(Date.now());
      this.scheduleRoundTrip();
    });
  }

  private sendRoundTrip(): void {
    const ch = this.channel;
    const queue = this.queue;
    if (!ch || !queue) return;
    const id = `${Date.now().toString(36)}-${++this.seq}`;
    const sentAt = Date.now();
    this.roundTrip.published(id, sentAt);
    try {
      ch.sendToQueue(queue, Buffer.from('rabbitpulse round-trip'), { messageId: id, expiration: String(this.opts.roundTripDeadlineMs) }, (err) => {
        if (!err) this.roundTrip.confirmedAt(id, Date.now());
      });
    } catch {
      // The channel closed between the check and the send; the message expires as lost.
    }
  }

  private fail(f: ProbeFailure, at: number): void {
    const wasUp = this.state === 'up';
    // Report the transition into an outage once, not every failed reconnect attempt during it.
    const transition = this.state !== 'down';
    this.lastError = { cause: f.cause, message: f.detail, at };
    if (!this.openOutage) this.openOutage = { startedAt: at, endedAt: null, durationMs: null, cause: f.cause, message: f.detail };
    this.attempts++;
    const delay = backoffMs(this.attempts, { baseMs: this.opts.reconnectBaseMs, maxMs: this.opts.reconnectMaxMs, jitter: EQUAL_JITTER }, Math.random());
    this.nextAttemptAt = at + delay;
    this.setState('down', at);
    if (transition) this.opts.onFailure({ ...f, at, wasUp });
    this.later(delay, () => void this.connect());
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
