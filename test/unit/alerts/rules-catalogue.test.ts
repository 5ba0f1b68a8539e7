import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../server/alerts/rules';
import { paramsSchema } from '../../../server/alerts/rules/define';
import { NOT_JUDGED } from './rule-table';
import { ackRuleTables } from './tables/ack';
import { clientRuleTables } from './tables/client';
import { connectionRuleTables } from './tables/connection';
import { consumerTimeoutRuleTables } from './tables/consumer-timeout';
import { probeRuleTables } from './tables/probe';
import { queueRuleTables } from './tables/queue';
import { targetRuleTables } from './tables/target';

const TABLES = [...connectionRuleTables, ...queueRuleTables, ...targetRuleTables, ...probeRuleTables, ...clientRuleTables, ...consumerTimeoutRuleTables, ...ackRuleTables];

describe('the default rules and their tables', () => {
  // A rule added to DEFAULT_RULES without a table fails here, not in production.
  it('every default rule has exactly one table, and every table is of a default rule', () => {
    expect(TABLES.map((t) => t.rule.id).sort()).toEqual(DEFAULT_RULES.map((r) => r.id).sort());
  });

  it.each(TABLES.map((t) => [t.rule.id, t] as const))('%s: rows where it holds and rows where it does not', (_id, { rows }) => {
    expect(rows.some((r) => Array.isArray(r.holds) && r.holds.length > 0)).toBe(true);
    expect(rows.some((r) => Array.isArray(r.holds) && r.holds.length === 0)).toBe(true);
  });

  it.each(TABLES.filter((t) => t.rule.usesPoll).map((t) => [t.rule.id, t] as const))('%s reads the poll: a row shows it is not judged while the poll is blind', (_id, { rows }) => {
    expect(rows.some((r) => r.holds === NOT_JUDGED)).toBe(true);
  });
});

/** Pinned so a change to a rule's defaults is a decision, not an accident. */
describe('rule defaults', () => {
  it.each([
    ['heartbeat-margin', 'warning', 0, 10_000, true, {}],
    ['heartbeat-close', 'critical', 0, 0, false, { holdMinutes: 10 }],
    ['consumer-timeout', 'critical', 0, 0, false, { holdMinutes: 10 }],
    ['probe-reset', 'critical', 0, 0, false, {}],
    ['reset-burst', 'critical', 0, 60_000, false, { closes: 3, minutes: 5 }],
    ['connection-churn', 'warning', 30_000, 60_000, false, { closesPerSecond: 2 }],
    ['unbounded-prefetch', 'warning', 15_000, 30_000, true, { unacked: 100 }],
    ['socket-backpressure', 'warning', 20_000, 20_000, true, { bytes: 0 }],
    ['unacked-growth', 'warning', 60_000, 30_000, true, { windowSeconds: 30, threshold: 10_000 }],
    ['redelivery-loop', 'warning', 60_000, 60_000, true, { ratePerSec: 0.5 }],
    ['backlog-without-consumers', 'warning', 30_000, 30_000, true, { ready: 100 }],
    ['slow-consumers', 'warning', 60_000, 60_000, true, { utilisation: 0.2, windowSeconds: 30, ready: 100 }],
    ['round-trip-slow', 'warning', 30_000, 30_000, false, { p99Ms: 1000 }],
    ['large-message-failure', 'warning', 0, 0, false, {}],
    ['node-alarm', 'critical', 0, 10_000, true, {}],
    ['connection-blocked', 'warning', 10_000, 10_000, true, {}],
    ['file-descriptors', 'warning', 60_000, 60_000, true, { ratio: 0.9 }],
    ['management-unavailable', 'critical', 15_000, 10_000, false, {}],
    ['event-exchange-disabled', 'info', 30_000, 0, false, {}],
    ['durability-mismatch', 'warning', 30_000, 30_000, true, { messages: 1 }],
    ['known-bad-client', 'info', 0, 0, true, {}],
    ['forgotten-ack', 'warning', 0, 30_000, true, { seconds: 20, unacked: 1 }],
    ['consumer-timeout-risk', 'warning', 0, 30_000, true, { fraction: 0.5 }],
  ] as const)('%s: %s, for %i ms, resolves after %i ms, reads the poll: %s, params %j', (id, severity, forMs, resolveAfterMs, usesPoll, params) => {
    const rule = DEFAULT_RULES.find((r) => r.id === id);
    expect(rule).toBeDefined();
    expect({ severity: rule?.severity, forMs: rule?.forMs, resolveAfterMs: rule?.resolveAfterMs, usesPoll: rule?.usesPoll }).toEqual({ severity, forMs, resolveAfterMs, usesPoll });
    expect(rule && paramsSchema(rule.params).parse({})).toEqual(params);
  });
});
