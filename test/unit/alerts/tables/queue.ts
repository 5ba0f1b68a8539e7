import type { QueueHealth, QueueRates, TargetState } from '../../../../server/contract';
import { backlogWithoutConsumers, durabilityMismatch, redeliveryLoop, slowConsumers, unackedGrowth } from '../../../../server/alerts/rules/queue-rules';
import { queueHealth, targetState } from '../../builders';
import { NOT_JUDGED, pollBlind, type RuleTable } from '../rule-table';

/** A target with one queue: the builders' `peek-q` (1 consumer, publish 1/s, ack 0/s), changed as given. */
const withQueue = (changes: Partial<QueueHealth>) => targetState({ queues: [queueHealth(changes)] });
const rates = (changes: Partial<QueueRates>): QueueRates => ({ ...queueHealth().rates, ...changes });
const QUEUE = 'queue://peek-q';

/** unacked-growth: unacked rising over `windowSeconds` (30) with no acks, or at least `threshold` (10,000). */
const unacked = (n: number, ack: number | null = 0) => withQueue({ unacked: n, rates: rates({ ack }) });
const halfMinuteAgo = (n: number): Array<[number, TargetState]> => [[30_000, unacked(n)]];

const unackedGrowthTable: RuleTable = {
  rule: unackedGrowth,
  rows: [
    { name: 'rising over the window, nothing acked', earlier: halfMinuteAgo(3), target: unacked(50), holds: ['50 unacked (was 3 30 s ago), ack rate 0/s'], objects: [QUEUE] },
    { name: 'watched a little less than the window: nothing to compare with', earlier: [[29_999, unacked(3)]], target: unacked(50), holds: [] },
    // The text names the window, though the point compared with may be older.
    { name: 'compared with the newest poll at least the window old', earlier: [[45_000, unacked(1)], [31_000, unacked(3)], [10_000, unacked(40)]], target: unacked(50), holds: ['50 unacked (was 3 30 s ago), ack rate 0/s'] },
    { name: 'flat', earlier: halfMinuteAgo(50), target: unacked(50), holds: [] },
    { name: 'falling', earlier: halfMinuteAgo(80), target: unacked(50), holds: [] },
    { name: 'rising while acks flow: a busy consumer, not a forgotten ack', earlier: halfMinuteAgo(3), target: unacked(50, 2), holds: [] },
    { name: 'ack rate not reported counts as no acks', earlier: halfMinuteAgo(3), target: unacked(50, null), holds: ['50 unacked (was 3 30 s ago), ack rate unknown'] },
    { name: 'exactly at the threshold, no history', target: unacked(10_000), holds: ['10000 unacked, ack rate 0/s'] },
    { name: 'just below the threshold', target: unacked(9_999), holds: [] },
    { name: 'above the threshold even while acking', target: unacked(20_000, 100), holds: ['20000 unacked, ack rate 100/s'] },
    { name: 'a longer window from the config', earlier: halfMinuteAgo(3), target: unacked(50), params: { windowSeconds: 60 }, holds: [] },
    { name: 'a lower threshold from the config', target: unacked(50, 5), params: { threshold: 50 }, holds: ['50 unacked, ack rate 5/s'] },
    { name: 'poll failing', earlier: halfMinuteAgo(3), target: pollBlind(unacked(50_000)), holds: NOT_JUDGED },
  ],
};

/** redelivery-loop: redeliver rate above `ratePerSec` (0.5). */
const redelivering = (redeliver: number | null) => withQueue({ rates: rates({ redeliver }) });

const redeliveryLoopTable: RuleTable = {
  rule: redeliveryLoop,
  rows: [
    { name: 'just above the rate', target: redelivering(0.6), holds: ['redelivering 0.6/s, 1 consumer(s)'], objects: [QUEUE] },
    { name: 'exactly at the rate', target: redelivering(0.5), holds: [] },
    { name: 'no redeliveries', target: redelivering(0), holds: [] },
    { name: 'rate not reported', target: redelivering(null), holds: [] },
    // perSec rounds to 0.1/s, so a tiny rate above a 0 threshold reads "0/s".
    { name: 'any redelivery, from the config', target: redelivering(0.04), params: { ratePerSec: 0 }, holds: ['redelivering 0/s, 1 consumer(s)'] },
    { name: 'poll failing', target: pollBlind(redelivering(5)), holds: NOT_JUDGED },
  ],
};

/** backlog-without-consumers: more than `ready` (100) ready and no consumer. */
const orphaned = (ready: number, changes: Partial<QueueHealth> = {}) => withQueue({ ready, consumers: 0, consumerUtilisation: null, ...changes });

const backlogWithoutConsumersTable: RuleTable = {
  rule: backlogWithoutConsumers,
  rows: [
    { name: 'just above the threshold', target: orphaned(101), holds: ['101 ready, no consumers, publish 1/s'], objects: [QUEUE] },
    { name: 'exactly at the threshold', target: orphaned(100), holds: [] },
    { name: 'a consumer, however slow', target: orphaned(5000, { consumers: 1 }), holds: [] },
    { name: 'publish rate not reported', target: orphaned(101, { rates: rates({ publish: null }) }), holds: ['101 ready, no consumers, publish unknown'] },
    { name: 'a queue in another vhost', target: orphaned(101, { vhost: 'orders' }), holds: ['101 ready, no consumers, publish 1/s'], objects: ['queue:orders/peek-q'] },
    { name: 'any backlog, from the config', target: orphaned(1), params: { ready: 0 }, holds: ['1 ready, no consumers, publish 1/s'] },
    { name: 'poll failing', target: pollBlind(orphaned(5000)), holds: NOT_JUDGED },
  ],
};

/** slow-consumers: utilisation below `utilisation` (0.2) with more than `ready` (100) ready and more than `windowSeconds` (30) ago. */
const busy = (ready: number, consumerUtilisation: number | null = 0.1, consumers = 1) => withQueue({ ready, consumerUtilisation, consumers });
const readyAgo = (ready: number, agoMs = 30_000): Array<[number, TargetState]> => [[agoMs, busy(ready)]];

const slowConsumersTable: RuleTable = {
  rule: slowConsumers,
  rows: [
    { name: 'busy consumers, backlog growing', earlier: readyAgo(120), target: busy(150), holds: ['utilisation 10 %, 150 ready (was 120)'], objects: [QUEUE] },
    { name: 'utilisation just below the line', earlier: readyAgo(120), target: busy(150, 0.19), holds: ['utilisation 19 %, 150 ready (was 120)'] },
    { name: 'utilisation exactly at the line', earlier: readyAgo(120), target: busy(150, 0.2), holds: [] },
    { name: 'utilisation not reported', earlier: readyAgo(120), target: busy(150, null), holds: [] },
    { name: 'no consumers: backlog-without-consumers says so', earlier: readyAgo(120), target: busy(150, 0, 0), holds: [] },
    { name: 'exactly `ready` ready, though growing', earlier: readyAgo(50), target: busy(100), holds: [] },
    { name: 'backlog flat', earlier: readyAgo(150), target: busy(150), holds: [] },
    { name: 'backlog shrinking', earlier: readyAgo(200), target: busy(150), holds: [] },
    { name: 'watched a little less than the window', earlier: readyAgo(120, 29_999), target: busy(150), holds: [] },
    { name: 'a longer window from the config', earlier: readyAgo(120, 60_000), target: busy(150), params: { windowSeconds: 60 }, holds: ['utilisation 10 %, 150 ready (was 120)'] },
    { name: 'a higher utilisation line from the config', earlier: readyAgo(120), target: busy(150, 0.4), params: { utilisation: 0.5 }, holds: ['utilisation 40 %, 150 ready (was 120)'] },
    { name: 'poll failing', earlier: readyAgo(120), target: pollBlind(busy(150)), holds: NOT_JUDGED },
  ],
};

/** durability-mismatch: at least `messages` (1) queued, and persistence that does not match the queue's durability. */
const holdingMessages = (durable: boolean, messages: number, persistent: number | null) => withQueue({ durable, messages, persistent });

const labQueue = (durable: boolean, messages: number, persistent: number) => withQueue({ name: 'lab.transient-in-durable.a1b2c3', durable, messages, persistent });

const durabilityMismatchTable: RuleTable = {
  rule: durabilityMismatch,
  rows: [
    { name: 'transient messages in a durable queue', target: holdingMessages(true, 5, 0), holds: ['durable queue holding 5 transient message(s) of 5'], objects: [QUEUE] },
    { name: 'partly transient', target: holdingMessages(true, 5, 3), holds: ['durable queue holding 2 transient message(s) of 5'] },
    { name: 'durable and all persistent', target: holdingMessages(true, 5, 5), holds: [] },
    { name: 'persistent messages in a non-durable queue', target: holdingMessages(false, 5, 2), holds: ['non-durable queue holding 2 persistent message(s)'] },
    { name: 'non-durable and transient', target: holdingMessages(false, 5, 0), holds: [] },
    { name: 'persistent count not reported', target: holdingMessages(true, 5, null), holds: [] },
    { name: 'empty queue', target: holdingMessages(true, 0, 0), holds: [] },
    { name: 'fewer than `messages` from the config', target: holdingMessages(true, 9, 0), params: { messages: 10 }, holds: [] },
    { name: 'exactly `messages` from the config', target: holdingMessages(true, 10, 0), params: { messages: 10 }, holds: ['durable queue holding 10 transient message(s) of 10'] },
    { name: 'poll failing', target: pollBlind(holdingMessages(true, 5, 0)), holds: NOT_JUDGED },
    // The lab's transient-in-durable scenario makes these on purpose: still raised (that is what it shows), marked as the lab's.
    { name: 'a lab queue, transient in durable', target: labQueue(true, 5, 0), holds: ["durable queue holding 5 transient message(s) of 5; a queue of rabbitpulse's lab"], objects: ['queue://lab.transient-in-durable.a1b2c3'] },
    { name: 'a lab queue, persistent in non-durable', target: labQueue(false, 5, 2), holds: ["non-durable queue holding 2 persistent message(s); a queue of rabbitpulse's lab"] },
    { name: 'a lab queue that matches is not raised', target: labQueue(false, 5, 0), holds: [] },
    { name: "'lab' elsewhere in the name is an application's", target: withQueue({ name: 'results.lab.inbox', durable: true, messages: 5, persistent: 0 }), holds: ['durable queue holding 5 transient message(s) of 5'] },
    { name: "a lab connection's prefix is not a queue's", target: withQueue({ name: 'lab-inbox', durable: true, messages: 5, persistent: 0 }), holds: ['durable queue holding 5 transient message(s) of 5'] },
  ],
};

export const queueRuleTables: RuleTable[] = [unackedGrowthTable, redeliveryLoopTable, backlogWithoutConsumersTable, slowConsumersTable, durabilityMismatchTable];
