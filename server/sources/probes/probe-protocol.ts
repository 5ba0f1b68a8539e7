import type { LargeMessageResult, LoopDelay, Outage, ProbeSample, ProbeState } from '../../contract';
import type { ObservedClose } from '../../analysis/close-order';
import type { ProbeFailure } from '../../analysis/resets';
import type { ProbesConfig } from '../../config/schema';
import type { BrokerEvent } from '../events/broker-event';

/** What the probe worker needs to start: only AMQP URLs, never management credentials it does not use. */
export interface ProbeWorkerData {
  targets: Array<{ id: string; name: string; amqpUrl: string }>;
  probes: ProbesConfig;
  eventExchange: boolean;
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
  | { type: 'broker-close'; targetId: string; close: ObservedClose }
  | { type: 'broker-notice'; targetId: string; notice: Extract<BrokerEvent, { kind: 'auth.failure' | 'alarm' }> }
  | { type: 'loop-delay'; delay: LoopDelay };
