import type { NodeHealth, PulseEvent, TargetStatus } from '../../../../server/contract';
import { connectionChurn, fileDescriptors, managementUnavailable, nodeAlarm, resetBurst } from '../../../../server/alerts/rules/target-rules';
import { closedConnection, pulseEvent, rawNode, targetState, targetSummary } from '../../builders';
import { NOT_JUDGED, NOW, pollBlind, type RuleTable } from '../rule-table';

/** The rules about the broker as a whole (in target-rules.ts): closes across connections, nodes, the management API. */
const TARGET = 'target:local';

/** `count` connection closes, `agoMs` before NOW. */
const closes = (count: number, agoMs: number, changes: Partial<PulseEvent> = {}) =>
  Array.from({ length: count }, (_, i) => pulseEvent(`${agoMs}-${i}`, { at: NOW - agoMs, cause: 'abrupt', ...changes }));

/** reset-burst: more than `closes` (3) abrupt or heartbeat closes within `minutes` (5). */
const resetBurstTable: RuleTable = {
  rule: resetBurst,
  rows: [
    { name: 'one more than `closes`', events: closes(4, 60_000), holds: ['4 abrupt or heartbeat closes in 5 min'], objects: [TARGET] },
    { name: 'exactly `closes`', events: closes(3, 60_000), holds: [] },
    { name: 'heartbeat closes count too', events: [...closes(2, 60_000), ...closes(2, 30_000, { cause: 'heartbeat-suspected' })], holds: ['4 abrupt or heartbeat closes in 5 min'] },
    { name: 'orderly and forced closes do not', events: [...closes(3, 60_000), ...closes(1, 30_000, { cause: 'clean' }), ...closes(1, 20_000, { cause: 'forced' })], holds: [] },
    { name: 'a close exactly `minutes` ago is out', events: [...closes(3, 60_000), ...closes(1, 300_000)], holds: [] },
    { name: 'a close just inside `minutes` is in', events: [...closes(3, 60_000), ...closes(1, 299_999)], holds: ['4 abrupt or heartbeat closes in 5 min'] },
    { name: "probe resets are probe-reset's", events: closes(4, 60_000, { kind: 'probe.reset' }), holds: [] },
    { name: 'any abrupt close within a minute, from the config', events: closes(1, 30_000), params: { closes: 0, minutes: 1 }, holds: ['1 abrupt or heartbeat closes in 1 min'] },
    { name: 'judged from events while the poll is failing', target: pollBlind(targetState()), events: closes(4, 60_000), holds: ['4 abrupt or heartbeat closes in 5 min'] },
  ],
};

const LAB = 'were rabbitpulse lab connections (lab-…)';

/** connection-churn: more than `closesPerSecond` (2) closes per second over the last minute, any cause. */
const connectionChurnTable: RuleTable = {
  rule: connectionChurn,
  rows: [
    // 121 / 60 s is 2.02/s; the text rounds it to 2.0.
    { name: 'one close more than 2/s for a minute', events: closes(121, 10_000, { cause: 'clean' }), holds: ['2.0 connections closed per second over the last minute'], objects: [TARGET] },
    { name: 'exactly 2/s', events: closes(120, 10_000, { cause: 'clean' }), holds: [] },
    { name: 'closes a minute old or more do not count', events: [...closes(120, 10_000), ...closes(10, 60_000)], holds: [] },
    { name: 'just inside the minute they do', events: [...closes(120, 10_000), ...closes(1, 59_999)], holds: ['2.0 connections closed per second over the last minute'] },
    // One close a minute is 0.017/s; shown to one decimal it reads 0.0.
    { name: 'any close at all, from the config', events: closes(1, 10_000), params: { closesPerSecond: 0 }, holds: ['0.0 connections closed per second over the last minute'] },
    { name: 'judged from events while the poll is failing', target: pollBlind(targetState()), events: closes(121, 10_000), holds: ['2.0 connections closed per second over the last minute'] },
    // The lab's closes count (its connection-churn scenario is there to show this alert) and are said to be the lab's.
    { name: 'all from the lab: counted, and marked', events: closes(121, 10_000, { connection: 'lab-churn-7' }), holds: [`2.0 connections closed per second over the last minute; all 121 ${LAB}`] },
    {
      name: 'partly from the lab',
      events: [...closes(100, 10_000, { connection: 'lab-churn-7' }), ...closes(21, 10_000, { connection: 'orders-api' })],
      holds: [`2.0 connections closed per second over the last minute; 100 of 121 ${LAB}`],
    },
    { name: 'lab closes below the rate do not fire either', events: closes(120, 10_000, { connection: 'lab-churn-7' }), holds: [] },
    { name: 'the name as last polled, where the event has none', events: closes(121, 10_000, { connection: null, lastKnown: closedConnection({}, { name: 'lab-forgotten-ack' }).lastKnown }), holds: [`2.0 connections closed per second over the last minute; all 121 ${LAB}`] },
    { name: "'lab' elsewhere in the name is an application's", events: closes(121, 10_000, { connection: 'my-lab-worker' }), holds: ['2.0 connections closed per second over the last minute'] },
    { name: "a lab queue's prefix is not a connection's", events: closes(121, 10_000, { connection: 'lab.churn' }), holds: ['2.0 connections closed per second over the last minute'] },
  ],
};

/** A target with these nodes: the builders' healthy `rabbit@localhost`, changed as given. */
const withNodes = (...changes: Array<Partial<NodeHealth>>) => targetState({ nodes: changes.map((n) => rawNode(n)) });
const NODE = 'node:rabbit@localhost';

/** node-alarm: a memory or disk alarm on a node. */
const nodeAlarmTable: RuleTable = {
  rule: nodeAlarm,
  rows: [
    { name: 'memory alarm', target: withNodes({ memAlarm: true, memUsed: 1_700_000_000 }), holds: ['memory alarm (1700000000 of 1600000000 bytes)'], objects: [NODE] },
    { name: 'disk alarm', target: withNodes({ diskAlarm: true, diskFree: 40_000_000 }), holds: ['disk alarm (40000000 bytes free, limit 50000000)'] },
    { name: 'both', target: withNodes({ memAlarm: true, diskAlarm: true }), holds: ['memory alarm (100000000 of 1600000000 bytes); disk alarm (10000000000 bytes free, limit 50000000)'] },
    { name: 'no alarm, however full', target: withNodes({ memUsed: 1_599_999_999, diskFree: 50_000_001 }), holds: [] },
    // Today's text when the broker leaves the figures out: it says "null" where "unknown" is meant.
    { name: 'memory figures not reported', target: withNodes({ memAlarm: true, memUsed: null, memLimit: null }), holds: ['memory alarm (null of null bytes)'] },
    { name: 'only the alarmed node of two', target: withNodes({}, { name: 'rabbit@two', diskAlarm: true, diskFree: 1 }), holds: ['disk alarm (1 bytes free, limit 50000000)'], objects: ['node:rabbit@two'] },
    { name: 'poll failing', target: pollBlind(withNodes({ memAlarm: true })), holds: NOT_JUDGED },
  ],
};

/** file-descriptors: a node at or above `ratio` (0.9) of its file descriptors. */
const fds = (fdUsed: number | null, fdTotal: number | null = 1024) => withNodes({ fdUsed, fdTotal });

const fileDescriptorsTable: RuleTable = {
  rule: fileDescriptors,
  rows: [
    { name: 'just above the ratio', target: fds(922), holds: ['922 of 1024 file descriptors in use'], objects: [NODE] },
    { name: 'just below it', target: fds(921), holds: [] },
    { name: 'exactly at the ratio holds', target: fds(900, 1000), holds: ['900 of 1000 file descriptors in use'] },
    { name: 'use not reported', target: fds(null), holds: [] },
    { name: 'limit not reported', target: fds(1000, null), holds: [] },
    { name: 'limit reported as 0', target: fds(10, 0), holds: [] },
    { name: 'a lower ratio from the config', target: fds(512), params: { ratio: 0.5 }, holds: ['512 of 1024 file descriptors in use'] },
    { name: 'poll failing', target: pollBlind(fds(1024)), holds: NOT_JUDGED },
  ],
};

/** management-unavailable: the target's poll status, which the poll rules go blind on, is this rule's input. */
const polled = (kind: TargetStatus['kind'], message: string) => targetState({ status: { ...targetSummary().status, kind, message } });

const managementUnavailableTable: RuleTable = {
  rule: managementUnavailable,
  rows: [
    { name: 'timed out', target: polled('timeout', 'No answer within 10 s.'), holds: ['timeout: No answer within 10 s.'], objects: [TARGET] },
    { name: 'credentials refused', target: polled('unauthorized', 'Check the user and password.'), holds: ['unauthorized: Check the user and password.'] },
    { name: 'a bad response', target: polled('bad-response', 'Not JSON.'), holds: ['bad-response: Not JSON.'] },
    { name: 'polled', target: polled('ok', 'Polled.'), holds: [] },
    { name: 'first poll still running', target: polled('starting', 'Starting.'), holds: [] },
  ],
};

export const targetRuleTables: RuleTable[] = [resetBurstTable, connectionChurnTable, nodeAlarmTable, fileDescriptorsTable, managementUnavailableTable];
