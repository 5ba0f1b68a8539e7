import type { BrokerLogKept, LargeMessageResult, LoopDelay, Outage, ProbeSample, ProbeState } from '../../contract';
import type { ObservedClose } from '../../analysis/close-order';
import type { ProbeFailure } from '../../analysis/resets';
import type { EventExchangeConfig, ProbesConfig } from '../../config/schema';
import type { BrokerEvent } from '../events/broker-event';
import type { CloseFinding, TimeoutWarning } from '../broker-log/close-joiner';
import type { BrokerFinding } from '../broker-log/finding';

/** What the probe worker needs to start: only AMQP URLs, never management credentials it does not use. */
export interface ProbeWorkerData {
  targets: Array<{ id: string; name: string; amqpUrl: string }>;
  probes: ProbesConfig;
  eventExchange: EventExchangeConfig;
  /** How often each target's probe state is published. */
  publishIntervalMs: number;
}

/** Messages from the probe worker to the main thread. Failures and closes are sent at once. */
export type ProbeWorkerMessage =
  /** Every target's probe state, batched once per publish interval. */
  | { type: 'probes'; items: Array<{ targetId: string; state: ProbeState; sample: ProbeSample }> }
  | { type: 'probe-failure'; targetId: string; failure: ProbeFailure & { at: number; wasUp: boolean } }
  | { type: 'probe-recovered'; targetId: string; outage: Outage }
  | { type: 'large-failure'; targetId: string; result: LargeMessageResult }
  /** A close from the event exchange, with the broker's log line about it when one came in time. */
  | { type: 'broker-close'; targetId: string; close: ObservedClose; finding: CloseFinding | null }
  /** The broker's log line about a close already posted (it came late, or says more). */
  | { type: 'broker-close-refined'; targetId: string; close: ObservedClose; finding: CloseFinding }
  /** A log line about something other than a close (channel error, consumer timeout, notice). */
  | { type: 'broker-finding'; targetId: string; finding: BrokerFinding; warning: TimeoutWarning | null }
  /** The broker closed the event subscription because its node is shutting down. */
  | { type: 'broker-shutdown'; targetId: string; at: number; text: string }
  | { type: 'broker-notice'; targetId: string; notice: Extract<BrokerEvent, { kind: 'auth.failure' | 'alarm' }> }
  /** With the loop delay: what the close joiners hold, summed over targets (absent with no log subscription). */
  | { type: 'loop-delay'; delay: LoopDelay; brokerLogKept?: BrokerLogKept };
