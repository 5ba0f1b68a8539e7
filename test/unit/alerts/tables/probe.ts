import type { LargeMessageResult, ProbeState } from '../../../../server/contract';
import { eventExchangeDisabled, largeMessageFailure, probeReset, roundTripSlow } from '../../../../server/alerts/rules/target-rules';
import { largeMessageResult, probeState, targetState } from '../../builders';
import { NOW, pollBlind, type RuleTable } from '../rule-table';

/**
 * The rules on rabbitpulse's own probe connection (in target-rules.ts). None
 * reads the poll, so each is judged while the management API is failing too.
 */
const withProbe = (changes: Partial<ProbeState>) => targetState({ probe: probeState(changes) });
const PROBE = 'probe:rabbitpulse-probe/local';

/** probe-reset: the probe connection is down, with the cause from the wire. */
const down = (changes: Partial<ProbeState> = {}) =>
  withProbe({
    state: 'down',
    since: NOW - 5000,
    lastError: { cause: 'client-heartbeat-timeout', message: 'No heartbeat from the broker for 20 s.', at: NOW - 5000 },
    reconnectAttempts: 2,
    ...changes,
  });
const DOWN_SINCE = new Date(NOW - 5000).toISOString();

const probeResetTable: RuleTable = {
  rule: probeReset,
  rows: [
    { name: 'down, with the cause in words', target: down(), holds: [`down since ${DOWN_SINCE} (client heartbeat timeout: No heartbeat from the broker for 20 s.); 2 reconnect attempt(s)`], objects: [PROBE] },
    { name: 'down without a reason given', target: down({ lastError: null, reconnectAttempts: 0 }), holds: [`down since ${DOWN_SINCE} (no reason given); 0 reconnect attempt(s)`] },
    { name: 'up', target: withProbe({}), holds: [] },
    { name: 'connecting (first attempt) is not down', target: down({ state: 'connecting' }), holds: [] },
    { name: 'probes turned off', target: targetState({ probe: null }), holds: [] },
    { name: 'judged while the poll is failing', target: pollBlind(down({ lastError: null })), holds: [`down since ${DOWN_SINCE} (no reason given); 2 reconnect attempt(s)`] },
  ],
};

/** round-trip-slow: delivery p99 above `p99Ms` (1000) while the probe is up. */
const roundTrip = (deliverP99Ms: number | null, changes: Partial<ProbeState> = {}) =>
  withProbe({ roundTrip: { ...probeState().roundTrip, deliverP50Ms: deliverP99Ms === null ? null : 40, deliverP99Ms }, ...changes });

const roundTripSlowTable: RuleTable = {
  rule: roundTripSlow,
  rows: [
    { name: 'just above the line', target: roundTrip(1001), holds: ['delivery p99 1001 ms (p50 40 ms)'], objects: [PROBE] },
    { name: 'exactly at the line', target: roundTrip(1000), holds: [] },
    { name: 'nothing delivered yet', target: roundTrip(null), holds: [] },
    { name: 'probe down: its last figures are stale', target: roundTrip(5000, { state: 'down' }), holds: [] },
    { name: 'probe connecting', target: roundTrip(5000, { state: 'connecting' }), holds: [] },
    { name: 'probes turned off', target: targetState({ probe: null }), holds: [] },
    { name: 'a lower line from the config', target: roundTrip(150), params: { p99Ms: 100 }, holds: ['delivery p99 150 ms (p50 40 ms)'] },
    { name: 'judged while the poll is failing', target: pollBlind(roundTrip(1001)), holds: ['delivery p99 1001 ms (p50 40 ms)'] },
  ],
};

/** large-message-failure: each probe size that did not arrive whole and in time. */
const sized = (...results: Array<Partial<LargeMessageResult>>) => withProbe({ largeMessages: results.map((r) => largeMessageResult(r)) });
const REFUSED = { sizeBytes: 16 * 1024 ** 2, label: '16 MiB', status: 'rejected' as const, message: 'Refused by the broker: larger than max_message_size.' };

const largeMessageFailureTable: RuleTable = {
  rule: largeMessageFailure,
  rows: [
    { name: 'rejected', target: sized(REFUSED), holds: ['rejected: Refused by the broker: larger than max_message_size.'], objects: [`${PROBE}#16777216`] },
    { name: 'late', target: sized({ status: 'late', message: 'Arrived after 31 s.' }), holds: ['late: Arrived after 31 s.'], objects: [`${PROBE}#1048576`] },
    { name: 'truncated', target: sized({ status: 'truncated', message: 'Arrived with 524288 of 1048576 bytes.' }), holds: ['truncated: Arrived with 524288 of 1048576 bytes.'] },
    { name: 'delivered whole', target: sized({}), holds: [] },
    { name: 'still in flight', target: sized({ status: 'pending' }), holds: [] },
    { name: 'each failing size is its own alert', target: sized({}, { status: 'corrupt', message: 'Checksum differs.' }, REFUSED), holds: ['corrupt: Checksum differs.', 'rejected: Refused by the broker: larger than max_message_size.'] },
    { name: 'probe down: the last results still stand', target: withProbe({ state: 'down', largeMessages: [largeMessageResult(REFUSED)] }), holds: ['rejected: Refused by the broker: larger than max_message_size.'] },
    { name: 'probes turned off', target: targetState({ probe: null }), holds: [] },
    { name: 'judged while the poll is failing', target: pollBlind(sized(REFUSED)), holds: ['rejected: Refused by the broker: larger than max_message_size.'] },
  ],
};

/** event-exchange-disabled: the plugin is off on the broker. */
const NOT_ENABLED = 'The rabbitmq_event_exchange plugin is not enabled.';
const exchange = (state: ProbeState['eventExchange']['state'], message = NOT_ENABLED) => withProbe({ eventExchange: { state, message } });

const eventExchangeDisabledTable: RuleTable = {
  rule: eventExchangeDisabled,
  rows: [
    { name: 'plugin not enabled', target: exchange('not-enabled'), holds: [NOT_ENABLED], objects: ['target:local'] },
    { name: 'subscribed', target: exchange('subscribed', 'Subscribed.'), holds: [] },
    { name: 'subscription down: the plugin is on', target: exchange('down', 'Channel closed.'), holds: [] },
    { name: 'still connecting', target: exchange('connecting', 'Connecting.'), holds: [] },
    { name: 'probes turned off', target: targetState({ probe: null }), holds: [] },
    { name: 'judged while the poll is failing', target: pollBlind(exchange('not-enabled')), holds: [NOT_ENABLED] },
  ],
};

export const probeRuleTables: RuleTable[] = [probeResetTable, roundTripSlowTable, largeMessageFailureTable, eventExchangeDisabledTable];
