import { forgottenAck } from './ack-rules';
import { knownBadClient } from './client-rules';
import { connectionBlocked, consumerTimeout, heartbeatClose, heartbeatMargin, socketBackpressure, unboundedPrefetch } from './connection-rules';
import { consumerTimeoutRisk } from './consumer-timeout-rules';
import { backlogWithoutConsumers, durabilityMismatch, redeliveryLoop, slowConsumers, unackedGrowth } from './queue-rules';
import { connectionChurn, eventExchangeDisabled, fileDescriptors, largeMessageFailure, managementUnavailable, nodeAlarm, probeReset, resetBurst, roundTripSlow } from './target-rules';
import type { RuleDefinition } from './types';

/** Every default rule, in the order the README lists them. */
export const DEFAULT_RULES: readonly RuleDefinition[] = [
  heartbeatMargin,
  heartbeatClose,
  consumerTimeout,
  probeReset,
  resetBurst,
  connectionChurn,
  forgottenAck,
  unboundedPrefetch,
  socketBackpressure,
  unackedGrowth,
  redeliveryLoop,
  backlogWithoutConsumers,
  slowConsumers,
  roundTripSlow,
  largeMessageFailure,
  nodeAlarm,
  connectionBlocked,
  fileDescriptors,
  managementUnavailable,
  eventExchangeDisabled,
  durabilityMismatch,
  knownBadClient,
  consumerTimeoutRisk,
];
