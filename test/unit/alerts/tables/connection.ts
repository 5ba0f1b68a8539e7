import type { ConnectionHealth, PulseEvent } from '../../../../server/contract';
import { connectionBlocked, consumerTimeout, heartbeatClose, heartbeatMargin, socketBackpressure, unboundedPrefetch } from '../../../../server/alerts/rules/connection-rules';
import { CONN_NAME, channelHealth, closedConnection, connectionHealth, consumerHealth, pulseEvent, targetState } from '../../builders';
import { NOT_JUDGED, NOW, pollBlind, type RuleTable } from '../rule-table';

/** A target showing one connection per change: the builders' healthy connection, changed as given. */
const withConnections = (...changes: Array<Partial<ConnectionHealth>>) => targetState({ connections: changes.map((c) => connectionHealth(c)) });
const CONN = `connection:${CONN_NAME}`;

/** heartbeat-margin. With a 7 s timeout the slack is 1.4 s: warning above 8.4 s of silence, critical above 10.5 s (1.5 ×). */
const silent = (silenceSec: number | null, heartbeatTimeoutSec: number | null = 7) => withConnections({ silenceSec, heartbeatTimeoutSec });
const margin = (silenceSec: number, timeoutSec = 7, criticalSec = 10.5) =>
  `silent ${silenceSec} s with a ${timeoutSec} s heartbeat timeout (critical above ${criticalSec} s); client amqplib 2.3.1`;

const heartbeatMarginTable: RuleTable = {
  rule: heartbeatMargin,
  rows: [
    { name: 'silent for the whole timeout: an idle amqplib client does that', target: silent(7), holds: [] },
    { name: 'exactly at the warning line (timeout + slack)', target: silent(8.4), holds: [] },
    { name: 'just past the warning line', target: silent(8.5), holds: [margin(8.5)], objects: [CONN], severities: ['warning'] },
    { name: 'exactly at the critical line is still a warning', target: silent(10.5), holds: [margin(10.5)], severities: ['warning'] },
    { name: 'past 1.5 × the timeout: critical', target: silent(10.6), holds: [margin(10.6)], severities: ['critical'] },
    { name: 'long timeout: the slack stops at 5 s', target: silent(65.5, 60), holds: [margin(65.5, 60, 90)], severities: ['warning'] },
    { name: 'heartbeats off (timeout 0)', target: silent(600, 0), holds: [] },
    { name: 'timeout not reported', target: silent(600, null), holds: [] },
    { name: 'silence not known yet', target: silent(null), holds: [] },
    { name: "rabbitpulse's own connection is judged by the probe rules", target: withConnections({ own: true, silenceSec: 20 }), holds: [] },
    { name: 'poll failing: the last good poll is not judged again', target: pollBlind(silent(20)), holds: NOT_JUDGED },
    { name: 'poll not yet run', target: pollBlind(silent(20), 'starting'), holds: NOT_JUDGED },
  ],
};

/** heartbeat-close: closes with cause heartbeat-suspected, held `holdMinutes` (10) after the close. */
const heartbeatCloseEvent = (id: string, agoMs: number, changes: Partial<PulseEvent> = {}) =>
  pulseEvent(id, { at: NOW - agoMs, cause: 'heartbeat-suspected', certainty: 'likely', lastKnown: closedConnection().lastKnown, ...changes });
const closedAt = (agoMs: number, rest = 'amqplib 2.3.1, 3 unacked redelivered') => `closed ${new Date(NOW - agoMs).toISOString()} (likely); ${rest}`;

const heartbeatCloseTable: RuleTable = {
  rule: heartbeatClose,
  rows: [
    { name: 'a heartbeat close a minute ago', events: [heartbeatCloseEvent('e1', 60_000)], holds: [closedAt(60_000)], objects: [CONN] },
    { name: 'just inside the hold', events: [heartbeatCloseEvent('e1', 599_999)], holds: [closedAt(599_999)] },
    { name: 'exactly holdMinutes after the close it is let go', events: [heartbeatCloseEvent('e1', 600_000)], holds: [] },
    { name: 'a shorter hold from the config', events: [heartbeatCloseEvent('e1', 61_000)], params: { holdMinutes: 1 }, holds: [] },
    { name: 'an abrupt close without the telling silence', events: [heartbeatCloseEvent('e1', 60_000, { cause: 'abrupt' })], holds: [] },
    { name: "the probe's own reset is probe-reset's", events: [heartbeatCloseEvent('e1', 60_000, { kind: 'probe.reset' })], holds: [] },
    {
      name: 'state before the close unknown: the alert is on the name',
      events: [heartbeatCloseEvent('e1', 60_000, { lastKnown: null })],
      holds: [closedAt(60_000, 'state before the close unknown')],
      objects: ['connection:peek-me'],
    },
    { name: 'no name either: the alert is on the event', events: [heartbeatCloseEvent('e1', 60_000, { lastKnown: null, connection: null })], holds: [closedAt(60_000, 'state before the close unknown')], objects: ['connection:e1'] },
    {
      name: 'two closes, one alert each',
      events: [heartbeatCloseEvent('e2', 30_000, { lastKnown: closedConnection({}, { id: 'other' }).lastKnown }), heartbeatCloseEvent('e1', 60_000)],
      holds: [closedAt(30_000), closedAt(60_000)],
      objects: ['connection:other', CONN],
    },
    { name: 'judged from events while the poll is failing', target: pollBlind(targetState()), events: [heartbeatCloseEvent('e1', 60_000)], holds: [closedAt(60_000)] },
    {
      name: "in the broker's words (log exchange): certain, with its timeout instead of a certainty",
      events: [heartbeatCloseEvent('e1', 60_000, { cause: 'missed-heartbeats', certainty: 'certain', detail: 'timeout 5 s', brokerLog: { level: 'error', node: 'rabbit@a', text: 'missed heartbeats from client, timeout: 5s' } })],
      holds: [`closed ${new Date(NOW - 60_000).toISOString()} (the broker: timeout 5 s); amqplib 2.3.1, 3 unacked redelivered`],
      objects: [CONN],
    },
    { name: 'a force-close in the broker\'s words is not a heartbeat close', events: [heartbeatCloseEvent('e1', 60_000, { cause: 'forced', certainty: 'certain' })], holds: [] },
  ],
};

/** consumer-timeout: channel.closed events with cause consumer-timeout, held `holdMinutes` (10). */
const timedOut = (id: string, agoMs: number, changes: Partial<PulseEvent> = {}) =>
  pulseEvent(id, {
    at: NOW - agoMs,
    kind: 'channel.closed',
    cause: 'consumer-timeout',
    certainty: 'certain',
    source: 'broker-log',
    lastKnown: closedConnection().lastKnown,
    channel: { number: 1, exception: 'precondition_failed', reason: 'delivery acknowledgement on channel 1 timed out', consumerTag: 'ctag-1', queue: 'jobs', unackedReturned: 4, timeoutMs: 10_000 },
    ...changes,
  });
const timedOutValue = (agoMs: number, rest = ' (queue jobs)', tail = ': no ack after 10000 ms; 4 unacked requeued') => `channel 1${rest} closed ${new Date(NOW - agoMs).toISOString()}${tail}`;

const consumerTimeoutTable: RuleTable = {
  rule: consumerTimeout,
  rows: [
    { name: 'a consumer timeout a minute ago', events: [timedOut('e1', 60_000)], holds: [timedOutValue(60_000)], objects: [CONN] },
    { name: 'exactly holdMinutes later it is let go', events: [timedOut('e1', 600_000)], holds: [] },
    { name: 'another channel error (a double ack) is not a timeout', events: [timedOut('e1', 60_000, { cause: 'channel-error' })], holds: [] },
    { name: 'a connection close is not a channel close', events: [timedOut('e1', 60_000, { kind: 'connection.closed' })], holds: [] },
    {
      name: 'queue, timeout and unacked unknown: said as unknown, not as zero',
      events: [timedOut('e1', 60_000, { channel: { number: 1, exception: 'precondition_failed', reason: 'timed out', consumerTag: null, queue: null, unackedReturned: null, timeoutMs: null } })],
      holds: [timedOutValue(60_000, '', ': no ack')],
    },
    { name: 'connection never polled: the alert is on the name', events: [timedOut('e1', 60_000, { lastKnown: null })], holds: [timedOutValue(60_000)], objects: ['connection:peek-me'] },
    { name: 'judged from events while the poll is failing', target: pollBlind(targetState()), events: [timedOut('e1', 60_000)], holds: [timedOutValue(60_000)] },
  ],
};

/** unbounded-prefetch: manual-ack consumers on prefetch-0 channels holding more than `unacked` (100). */
const unbounded = (unacked: number, queue = 'peek-q') => channelHealth({ prefetch: 0, unacked, consumers: [consumerHealth({ prefetch: 0, queue })] });
const holding = (unacked: number, channels = 1, queues = 'peek-q') =>
  `${unacked} unacked on ${channels} channel(s) with prefetch 0 and manual ack (queues: ${queues}); client amqplib 2.3.1`;

const unboundedPrefetchTable: RuleTable = {
  rule: unboundedPrefetch,
  rows: [
    { name: 'just above the threshold', target: withConnections({ channels: [unbounded(101)] }), holds: [holding(101)], objects: [CONN] },
    { name: 'exactly at the threshold', target: withConnections({ channels: [unbounded(100)] }), holds: [] },
    { name: 'summed over the unbounded channels', target: withConnections({ channels: [unbounded(60, 'a'), unbounded(50, 'b')] }), holds: [holding(110, 2, 'a, b')] },
    { name: "a bounded channel's unacked do not count", target: withConnections({ channels: [unbounded(60), channelHealth({ number: 2, unacked: 50 })] }), holds: [] },
    { name: 'a channel prefetch bounds it', target: withConnections({ channels: [{ ...unbounded(500), prefetch: 10 }] }), holds: [] },
    { name: 'a global prefetch bounds it', target: withConnections({ channels: [{ ...unbounded(500), globalPrefetch: 50 }] }), holds: [] },
    { name: 'auto-ack consumers hold nothing unacked for long', target: withConnections({ channels: [{ ...unbounded(500), consumers: [consumerHealth({ prefetch: 0, ackRequired: false })] }] }), holds: [] },
    { name: 'no consumer on the channel', target: withConnections({ channels: [{ ...unbounded(500), consumers: [] }] }), holds: [] },
    { name: 'a lower threshold from the config', target: withConnections({ channels: [unbounded(11)] }), params: { unacked: 10 }, holds: [holding(11)] },
    { name: "rabbitpulse's own connection", target: withConnections({ own: true, channels: [unbounded(500)] }), holds: [] },
    {
      name: 'holding without an ack for under 20 s: too soon to tell from a forgotten ack, whose fix comes first',
      target: withConnections({ channels: [{ ...unbounded(500), unackedSince: NOW - 19_999 }] }),
      holds: [],
    },
    { name: 'holding without an ack for 20 s: unbounded prefetch is named too (forgotten-ack leads)', target: withConnections({ channels: [{ ...unbounded(500), unackedSince: NOW - 20_000 }] }), holds: [holding(500)] },
    {
      name: 'a slow consumer that acks at all is judged at once, however recently its run of held messages began',
      target: withConnections({ channels: [{ ...unbounded(500), unackedSince: NOW - 1_000, hasAcked: true }] }),
      holds: [holding(500)],
    },
    { name: 'poll failing', target: pollBlind(withConnections({ channels: [unbounded(500)] })), holds: NOT_JUDGED },
  ],
};

/** socket-backpressure: send_pend above `bytes` (0). */
const pending = (sendPend: number | null) => withConnections({ sendPend });

const socketBackpressureTable: RuleTable = {
  rule: socketBackpressure,
  rows: [
    { name: 'one byte waiting', target: pending(1), holds: ['send_pend 1 bytes; 3 unacked'], objects: [CONN] },
    { name: 'nothing waiting', target: pending(0), holds: [] },
    { name: 'send_pend not reported', target: pending(null), holds: [] },
    { name: 'exactly at a threshold from the config', target: pending(1000), params: { bytes: 1000 }, holds: [] },
    { name: 'just above it', target: pending(1001), params: { bytes: 1000 }, holds: ['send_pend 1001 bytes; 3 unacked'] },
    { name: "rabbitpulse's own connection", target: withConnections({ own: true, sendPend: 5000 }), holds: [] },
    { name: 'poll failing', target: pollBlind(pending(5000)), holds: NOT_JUDGED },
  ],
};

/** connection-blocked: the broker blocks (or is about to block) a publisher. */
const connectionBlockedTable: RuleTable = {
  rule: connectionBlocked,
  rows: [
    { name: 'blocked', target: withConnections({ state: 'blocked' }), holds: ['state blocked'], objects: [CONN] },
    { name: 'blocking: blocked at its next publish', target: withConnections({ state: 'blocking' }), holds: ['state blocking'] },
    { name: 'flow control slows, it does not block', target: withConnections({ state: 'flow' }), holds: [] },
    { name: 'running', target: withConnections({ state: 'running' }), holds: [] },
    { name: 'only the blocked one of two', target: withConnections({}, { id: 'c2', state: 'blocked' }), holds: ['state blocked'], objects: ['connection:c2'] },
    { name: "rabbitpulse's own connection", target: withConnections({ own: true, state: 'blocked' }), holds: [] },
    { name: 'poll failing', target: pollBlind(withConnections({ state: 'blocked' })), holds: NOT_JUDGED },
  ],
};

export const connectionRuleTables: RuleTable[] = [heartbeatMarginTable, heartbeatCloseTable, consumerTimeoutTable, unboundedPrefetchTable, socketBackpressureTable, connectionBlockedTable];
