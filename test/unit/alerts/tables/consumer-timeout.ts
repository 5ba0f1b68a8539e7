import type { ChannelHealth, ConnectionHealth } from '../../../../server/contract';
import { consumerTimeoutRisk } from '../../../../server/alerts/rules/consumer-timeout-rules';
import { CONN_NAME, channelHealth, connectionHealth, consumerHealth, targetState } from '../../builders';
import { NOT_JUDGED, NOW, pollBlind, type RuleTable } from '../rule-table';

/**
 * consumer-timeout-risk: a channel's oldest unacked delivery at least `fraction` (0.5) of its timeout old.
 * The builders' channel holds 3 unacked for one manual-ack consumer of peek-q, with the 30 min broker-wide timeout.
 */
const MIN = 60_000;
const heldFor = (ms: number, changes: Partial<ChannelHealth> = {}) => channelHealth({ unackedSince: NOW - ms, ...changes });
const withChannels = (channels: ChannelHealth[], connection: Partial<ConnectionHealth> = {}) => targetState({ connections: [connectionHealth({ channels, ...connection })] });
const held = (ms: number, changes: Partial<ChannelHealth> = {}) => withChannels([heldFor(ms, changes)]);
const text = (age: string, of = '30 min (broker-wide)', rest = 'queue peek-q') => `oldest unacked ≥ ${age} of ${of} on channel 1, ${rest}; client amqplib 2.3.1`;

const consumerTimeoutRiskTable: RuleTable = {
  rule: consumerTimeoutRisk,
  rows: [
    { name: 'exactly half the timeout', target: held(15 * MIN), holds: [text('15 min')], objects: [`channel:${CONN_NAME} (1)`] },
    { name: 'a millisecond short of half', target: held(15 * MIN - 1), holds: [] },
    { name: 'past the timeout (the broker checks once a minute)', target: held(31 * MIN), holds: [text('31 min')] },
    {
      name: 'a queue argument of 20 s',
      target: held(16_000, { consumerTimeoutMs: 20_000, consumerTimeoutSource: 'queue-argument' }),
      holds: [text('16 s', '20 s (queue argument)')],
    },
    { name: 'a policy of 10 min', target: held(7 * MIN, { consumerTimeoutMs: 10 * MIN, consumerTimeoutSource: 'policy' }), holds: [text('7 min', '10 min (policy)')] },
    { name: 'the estimate began at first sight: said so', target: held(20 * MIN, { unackedSinceFirstSeen: true }), holds: [text('20 min', undefined, 'queue peek-q; estimate began at first sight')] },
    {
      name: 'consumers of two queues',
      target: held(20 * MIN, { consumers: [consumerHealth({ queue: 'jobs' }), consumerHealth({ tag: 'b', queue: 'mail' }), consumerHealth({ tag: 'c', queue: 'jobs' })] }),
      holds: [text('20 min', undefined, 'queues jobs, mail')],
    },
    { name: 'held by a channel without consumers (basic.get)', target: held(20 * MIN, { consumers: [], consumerCount: 0 }), holds: [text('20 min', undefined, 'no consumer')] },
    { name: 'a lower fraction from the config', target: held(4 * MIN), params: { fraction: 0.1 }, holds: [text('4 min')] },
    { name: 'nothing unacked (any countdown is stale)', target: held(20 * MIN, { unacked: 0 }), holds: [] },
    { name: 'no countdown: nothing held across a poll yet, or acks moving', target: withChannels([channelHealth({ unackedSince: null })]), holds: [] },
    { name: 'timeout unknown or none applies (4.3+ classic queue)', target: held(60 * MIN, { consumerTimeoutMs: null, consumerTimeoutSource: null }), holds: [] },
    {
      name: 'only the channel past the line, of two',
      target: withChannels([heldFor(2 * MIN), heldFor(20 * MIN, { number: 2 })]),
      holds: ['oldest unacked ≥ 20 min of 30 min (broker-wide) on channel 2, queue peek-q; client amqplib 2.3.1'],
      objects: [`channel:${CONN_NAME} (2)`],
    },
    { name: "rabbitpulse's own connection", target: withChannels([heldFor(20 * MIN)], { own: true }), holds: [] },
    { name: 'poll failing: the last good poll is not judged again', target: pollBlind(held(20 * MIN)), holds: NOT_JUDGED },
    { name: 'poll not yet run', target: pollBlind(held(20 * MIN), 'starting'), holds: NOT_JUDGED },
  ],
};

export const consumerTimeoutRuleTables: RuleTable[] = [consumerTimeoutRiskTable];
