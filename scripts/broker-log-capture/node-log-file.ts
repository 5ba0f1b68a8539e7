// What the log exchange cannot deliver: when a node stops, the exchange and
// every connection to it (the subscriber's too) go down with the 'rabbit'
// application, so the lines the node writes about the connections it closes
// reach only its log file. Measured on 3.10.8: the last message delivered on
// amq.rabbitmq.log is "Stopping application 'rabbit'". These lines are read
// from the file instead, and marked so.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateBroker } from '../../test/support/private-broker';
import type { CapturedLogMessage } from './recorder';

/**
 * The node's log file, relative to its log folder. It must be set in the
 * config: turning log.exchange on turns the default log file off (3.10's
 * rabbit_prelaunch_logging enables the file implicitly only when no other
 * output is configured).
 */
export const NODE_LOG_FILE = 'node.log';

/** `2026-12-02 09:26:06.956107+00:00 [info] <0.1328.0> ` — the same prefix the exchange's bodies carry. */
const PREFIX = /^\S+ \S+ \[(\w+)\] <[\d.]+> /;

/**
 * The node's log events after "RabbitMQ is asked to stop" that are about AMQP
 * connections, each as the exchange would have carried it: the event's lines
 * (consecutive lines with the same prefix), each ending in a newline.
 */
export function shutdownConnectionEvents(node: PrivateBroker, scenario: string): CapturedLogMessage[] {
  const lines = readFileSync(join(node.dir, 'log', NODE_LOG_FILE), 'utf8').split('\n');
  const stopAt = lines.findIndex((l) => l.includes('RabbitMQ is asked to stop'));
  if (stopAt < 0) return [];
  const events: Array<{ prefix: string; level: string; lines: string[] }> = [];
  for (const line of lines.slice(stopAt)) {
    const m = PREFIX.exec(line);
    const last = events[events.length - 1];
    if (last && (!m || m[0] === last.prefix)) last.lines.push(line);
    else if (m) events.push({ prefix: m[0], level: m[1]!, lines: [line] });
  }
  return events
    .filter((e) => /AMQP connection|Closing connection/.test(e.lines[0]!))
    .map((e) => ({ scenario, routingKey: e.level, node: node.nodeName, body: e.lines.join('\n') + '\n', via: 'log-file' as const }));
}
