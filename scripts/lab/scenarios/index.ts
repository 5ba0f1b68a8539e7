// Every scenario the CLI offers: DESIGN.md's failures F1–F5 first, then the
// two load patterns.

import type { OptionSpecs } from '../support/options';
import type { ScenarioDefinition } from '../support/scenario';
import { scenario as blockedHandler } from './blocked-handler';
import { scenario as connectionChurn } from './connection-churn';
import { scenario as consumerTimeout } from './consumer-timeout';
import { scenario as doubleAck } from './double-ack';
import { scenario as forgottenAck } from './forgotten-ack';
import { scenario as largeMessage } from './large-message';
import { scenario as noConsumerBacklog } from './no-consumer-backlog';
import { scenario as slowConsumer } from './slow-consumer';
import { scenario as transientInDurable } from './transient-in-durable';

export const scenarios: readonly ScenarioDefinition<OptionSpecs>[] = [
  blockedHandler,
  slowConsumer,
  forgottenAck,
  doubleAck,
  consumerTimeout,
  largeMessage,
  transientInDurable,
  connectionChurn,
  noConsumerBacklog,
];

export function scenarioNamed(name: string): ScenarioDefinition<OptionSpecs> | undefined {
  return scenarios.find((scenario) => scenario.name === name);
}
