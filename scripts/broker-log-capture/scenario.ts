// The shape of one capture scenario, and the hostile connection names the
// scenarios use so the fixtures show how the broker prints them.

import type { Broker } from './clients';

export interface Scenario {
  /** The label each message captured while it runs gets in the fixture. */
  name: string;
  /** Does what makes the broker log; returns what ends it (closing, killing), run once the line is in. */
  run(broker: Broker): Promise<(() => Promise<void>) | void>;
  /** The line that shows the broker reacted; the scenario waits for it (and warns without it). */
  expect: RegExp;
  /** A line that should follow the scenario's end (an alarm cleared), waited for like `expect`. */
  expectAfterEnd?: RegExp;
  /** How long to wait for `expect`; default 10 s. */
  waitMs?: number;
}

/**
 * Client-provided names chosen to break naive parsing of
 * `(ip:port -> ip:port - name, vhost: '…', user: '…')`.
 */
export const HOSTILE_NAMES = {
  quotes: `billing "consumer" it's`,
  arrows: 'report - builder -> v2 (eu)',
  trailer: "fake, vhost: 'evil', user: 'root')",
  newline: 'line one\nline two',
  nonAscii: 'café-вход-消费者 ✓',
} as const;
