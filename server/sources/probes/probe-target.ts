import type { BrokerLogKept, BrokerLogStatus, EventExchangeStatus, ProbeSample, ProbeState } from '../../contract';
import type { EventExchangeConfig, ProbesConfig } from '../../config/schema';
import { EventExchangeSubscriber } from '../events/event-exchange';
import { LargeMessageProbe } from './large-message-probe';
import { ProbeConnection, probeConnectionName } from './probe-connection';
import type { ProbeWorkerMessage } from './probe-protocol';

export interface ProbeTargetOptions {
  target: { id: string; name: string; amqpUrl: string };
  probes: ProbesConfig;
  eventExchange: EventExchangeConfig;
  post: (message: ProbeWorkerMessage) => void;
}

/**
 * Everything rabbitpulse runs on the wire against one target: the heartbeat
 * and round-trip probe, the large-message probe, and the event-exchange
 * subscription, each on its own connection so none can delay another.
 * Failures and closes are posted the moment they happen; the rest as a
 * periodic state.
 */
export class ProbeTarget {
  private readonly probe: ProbeConnection | null;
  private readonly large: LargeMessageProbe | null;
  private readonly events: EventExchangeSubscriber | null;
  private eventState: EventExchangeStatus = { state: 'disabled', message: 'The event-exchange subscription is turned off in the configuration.' };
  private logState: BrokerLogStatus = { state: 'disabled', message: "The broker-log subscription is turned off in the configuration (eventExchange.brokerLog); causes are inferred." };

  constructor(private readonly opts: ProbeTargetOptions) {
    const { target, probes, post } = opts;
    const id = target.id;
    this.probe = probes.enabled
      ? new ProbeConnection({
          targetId: id,
          amqpUrl: target.amqpUrl,
          heartbeatSec: probes.heartbeatSec,
          roundTripIntervalMs: probes.roundTripIntervalMs,
          roundTripDeadlineMs: probes.roundTripDeadlineMs,
          reconnectBaseMs: probes.reconnectBaseMs,
          reconnectMaxMs: probes.reconnectMaxMs,
          onFailure: (failure) => post({ type: 'probe-failure', targetId: id, failure }),
          onRecovered: (outage) => post({ type: 'probe-recovered', targetId: id, outage }),
        })
      : null;
    this.large =
      probes.enabled && probes.largeMessage.enabled
        ? new LargeMessageProbe({
            targetId: id,
            amqpUrl: target.amqpUrl,
            sizes: probes.largeMessage.sizes,
            intervalMs: probes.largeMessage.intervalMs,
            deadlineMs: probes.largeMessage.deadlineMs,
            maxSizeBytes: probes.largeMessage.maxSizeBytes,
            onFailure: (result) => post({ type: 'large-failure', targetId: id, result }),
            })
        : null;
    const events = opts.eventExchange;
    this.events = events.enabled
      ? new EventExchangeSubscriber({
          targetId: id,
          amqpUrl: target.amqpUrl,
          reconnectBaseMs: probes.reconnectBaseMs,
          reconnectMaxMs: probes.reconnectMaxMs,
          brokerLog: events.brokerLog,
          closeWaitMs: events.logWaitMs,
          onClose: (close, finding) => post({ type: 'broker-close', targetId: id, close, finding }),
          onCloseRefined: (close, finding) => post({ type: 'broker-close-refined', targetId: id, close, finding }),
          onFinding: (finding, warning) => post({ type: 'broker-finding', targetId: id, finding, warning }),
          onNotice: (notice) => post({ type: 'broker-notice', targetId: id, notice }),
          onState: (state) => (this.eventState = state),
          onLogState: (state) => (this.logState = state),
          onBrokerShutdown: ({ at, text }) => post({ type: 'broker-shutdown', targetId: id, at, text }),
        })
      : null;
    if (!events.enabled) this.logState = { state: 'disabled', message: "The broker-log subscription shares the event-exchange subscription's connection, which is turned off in the configuration." };
  }

  start(): void {
    this.events?.start();
    this.probe?.start();
    this.large?.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.large?.stop(), this.probe?.stop(), this.events?.stop()]);
  }

  /** What the broker-log close joiner holds; null when there is no log subscription. */
  brokerLogKept(): BrokerLogKept | null {
    return this.events?.kept() ?? null;
  }

  /** The current state and one chart point, for the worker's periodic batch. */
  report(now: number): { targetId: string; state: ProbeState; sample: ProbeSample } {
    return { targetId: this.opts.target.id, state: this.state(now), sample: this.sample(now) };
  }

  private state(now: number): ProbeState {
    const link = this.probe?.snapshot();
    return {
      targetId: this.opts.target.id,
      connectionName: link?.connectionName ?? probeConnectionName(this.opts.target.id),
      state: link?.state ?? 'disabled',
      since: link?.since ?? now,
      lastError: link?.lastError ?? null,
      reconnectAttempts: link?.reconnectAttempts ?? 0,
      nextAttemptAt: link?.nextAttemptAt ?? null,
      heartbeat: this.probe ? this.probe.heartbeat.stats(now) : emptyHeartbeat(),
      roundTrip: this.probe ? this.probe.roundTrip.stats(now) : emptyRoundTrip(this.opts.probes.roundTripIntervalMs),
      largeMessages: this.large?.snapshot() ?? [],
      outages: link?.outages ?? [],
      eventExchange: this.eventState,
      brokerLog: this.logState,
    };
  }

  private sample(now: number): ProbeSample {
    const hb = this.probe?.heartbeat.stats(now);
    // While the link is down the round-trip window still holds old figures; chart a gap instead.
    const up = this.probe?.snapshot().state === 'up';
    const rt = up ? this.probe?.roundTrip.stats(now) : undefined;
    return {
      at: now,
      silenceMs: hb?.silenceMs ?? null,
      marginMs: hb?.marginMs ?? null,
      heartbeatIntervalMs: this.probe?.heartbeat.lastIntervalMs(now) ?? null,
      confirmP50Ms: rt?.confirmP50Ms ?? null,
      confirmP99Ms: rt?.confirmP99Ms ?? null,
      deliverP50Ms: rt?.deliverP50Ms ?? null,
      deliverP99Ms: rt?.deliverP99Ms ?? null,
    };
  }
}

function emptyHeartbeat(): ProbeState['heartbeat'] {
  return {
    timeoutSec: null, frameMax: null, expectedIntervalMs: null, lastInboundHeartbeatAt: null, lastOutboundHeartbeatAt: null, lastInboundAt: null,
    inboundHeartbeats: 0, outboundHeartbeats: 0, intervalMeanMs: null, intervalJitterMs: null, intervalMaxMs: null, inboundGapMaxMs: null, silenceMs: null, marginMs: null,
  };
}

function emptyRoundTrip(intervalMs: number): ProbeState['roundTrip'] {
  return { intervalMs, sent: 0, confirmed: 0, delivered: 0, lost: 0, lastConfirmMs: null, lastDeliverMs: null, confirmP50Ms: null, confirmP99Ms: null, deliverP50Ms: null, deliverP99Ms: null };
}
