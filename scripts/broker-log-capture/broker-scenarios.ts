// Scenarios about the whole node: a resource alarm set and cleared. (Broker
// shutdown is not one of these: it takes the capture's own connection too, so
// the main script runs it last.)

import type { Scenario } from './scenario';

export const brokerScenarios: Scenario[] = [
  {
    name: 'memory-alarm',
    expect: /memory resource limit alarm set/i,
    expectAfterEnd: /memory resource limit alarm cleared/i,
    async run(broker) {
      // A watermark no node can stay under sets the alarm at the next memory check (about every second).
      await broker.rabbitmqctl('set_vm_memory_high_watermark', '0.0000001');
      return async () => {
        await broker.rabbitmqctl('set_vm_memory_high_watermark', '0.4');
      };
    },
  },
];
