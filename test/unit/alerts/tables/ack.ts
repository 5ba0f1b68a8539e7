import type { ChannelHealth } from '../../../../server/contract';
import { forgottenAck } from '../../../../server/alerts/rules/ack-rules';
import { CONN_NAME, channelHealth, connectionHealth, consumerHealth, targetState } from '../../builders';
import { NOT_JUDGED, NOW, pollBlind, type RuleTable } from '../rule-table';

/** A manual-ack, prefetch-0 consumer channel holding `unacked`, acks still since `quietMs` before NOW. */
const holding = (unacked: number, quietMs: number | null, over: Partial<ChannelHealth> = {}) =>
  channelHealth({ prefetch: 0, unacked, unackedSince: quietMs === null ? null : NOW - quietMs, consumers: [consumerHealth({ prefetch: 0, queue: 'jobs' })], ...over });
const target = (...channels: ChannelHealth[]) => targetState({ connections: [connectionHealth({ channels })] });
/** The same channel `agoMs` earlier, holding `unacked` then. */
const earlier = (agoMs: number, unacked: number, over: Partial<ChannelHealth> = {}): [number, ReturnType<typeof target>] => [agoMs, target(holding(unacked, null, over))];
const value = (unacked: number, quietSec: number, where = 'channel 1', queues = 'jobs') => `${unacked} unacked on ${where}, no ack for ${quietSec} s or more (queues: ${queues}); client amqplib 2.3.1`;
const CONN = `connection:${connectionHealth().id}`;

const forgottenAckTable: RuleTable = {
  rule: forgottenAck,
  rows: [
    { name: 'unacked grew over 20 s with no ack', target: target(holding(400, 25_000)), earlier: [earlier(20_000, 100)], holds: [value(400, 25)], objects: [CONN] },
    { name: 'exactly 20 s without an ack is enough', target: target(holding(400, 20_000)), earlier: [earlier(20_000, 100)], holds: [value(400, 20)] },
    { name: 'just under 20 s is not yet', target: target(holding(400, 19_999)), earlier: [earlier(20_000, 100)], holds: [] },
    { name: 'acks moved recently (unackedSince reset): a slow but acking consumer', target: target(holding(400, 5_000)), earlier: [earlier(20_000, 100)], holds: [] },
    { name: 'no ack, but unacked did not grow and is below the prefetch: a handler working on a few', target: target(holding(5, 60_000, { prefetch: 10 })), earlier: [earlier(20_000, 5, { prefetch: 10 })], holds: [] },
    { name: 'stuck at its prefetch limit: a bounded consumer that never acks stops there', target: target(holding(10, 60_000, { prefetch: 10 })), earlier: [earlier(20_000, 10, { prefetch: 10 })], holds: [value(10, 60)] },
    { name: 'not watched 20 s yet and not at a limit: no growth can be told', target: target(holding(400, 25_000)), earlier: [earlier(10_000, 100)], holds: [] },
    { name: 'auto-ack consumers hold nothing to ack', target: target(holding(400, 25_000, { consumers: [consumerHealth({ ackRequired: false })] })), earlier: [earlier(20_000, 100)], holds: [] },
    { name: 'no unacked-since (never held any, or unknown)', target: target(holding(400, null)), earlier: [earlier(20_000, 100)], holds: [] },
    {
      name: 'two stuck channels: one alert on the connection, the shorter quiet named',
      target: target(holding(300, 40_000), holding(200, 30_000, { number: 2, id: `${CONN_NAME} (2)`, consumers: [consumerHealth({ prefetch: 0, queue: 'mail' })] })),
      earlier: [[20_000, target(holding(100, null), holding(50, null, { number: 2, id: `${CONN_NAME} (2)` }))]],
      holds: [value(500, 30, '2 channels', 'jobs, mail')],
    },
    { name: 'a longer window from the config', target: target(holding(400, 25_000)), earlier: [earlier(30_000, 100)], params: { seconds: 30 }, holds: [] },
    { name: "rabbitpulse's own connections are not judged", target: targetState({ connections: [connectionHealth({ own: true, channels: [holding(400, 25_000)] })] }), earlier: [earlier(20_000, 100)], holds: [] },
    { name: 'poll failing', target: pollBlind(target(holding(400, 25_000))), earlier: [earlier(20_000, 100)], holds: NOT_JUDGED },
  ],
};

export const ackRuleTables: RuleTable[] = [forgottenAckTable];
