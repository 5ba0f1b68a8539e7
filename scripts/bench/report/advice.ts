import type { Results } from '../results';
import type { TargetId } from './figures';
import { bytes, ms } from './format';
import { median, percentile } from '../support/stats';
import { addedByLog } from './broker-log-figures';

/**
 * What could be done when a target is missed: the design change the
 * measurement points to (server files named; the benchmark itself changes
 * nothing in the server). Shown next to the measured reason in BENCHMARKS.md.
 */
export const ADVICE: Record<TargetId, (r: Results) => string> = {
  'poll-ratio': (r) =>
    `The app fetches ${r.appConcurrency} endpoints at a time (poll.concurrency); plain GETs at that concurrency took ${ms(median(r.fetchFloor.appConcurrencyMs))} against ${ms(median(r.fetchFloor.parallelMs))} all at once. ` +
    'Fetch all six at once, or start the two big ones (connections, channels) first (server/sources/management/poll-once.ts takes ENDPOINT_NAMES in the order overview, nodes, connections, …).',
  rss: () =>
    'Tried so far (what-was-tried below): the server runs compiled, so no thread carries a TypeScript loader (−100 MB), and the poll worker has a small young generation (its heap 53 → 29 MB). ' +
    'What is left before any load is Node, three worker threads, Next and the app\'s own code (the steps above). What the load adds is mostly the main thread\'s heap: every connection, channel, consumer and queue held as objects, with their alert state and chart rings (see the heaps in the CPU profile). ' +
    'Next: keep the per-object state in columns (typed arrays) rather than one object per row, or serve the pages from a process of their own so Next\'s heap is not counted with the monitor\'s.',
  loop: () =>
    'Move the per-poll work that scales with connections off the main thread: derive + diff (server/state/target-store.ts applyPoll, analysis/diff.ts with connectionKey\'s JSON.stringify of every row) can run in the poll worker, which then sends only the changed rows. ' +
    'Alert evaluation (alerts/alerting.ts) runs on every delta that names a target, including the probe\'s once a second, over the whole target state: run it once per poll and on events only.',
  'wire-poll': () =>
    'Rows are re-sent only when something a person sees changed, and heartbeats travel as handles (recvMoved). What remains in the mean is the broker changing a shown figure for many queues at one moment ' +
    '(consumer utilisation, which it recomputes for queues whose consumers sit at their prefetch limit; see the fields above): each such queue costs a whole row (about 330 B). ' +
    'Queue rows now go only to the queues page (StreamInterest), so this figure is for a page without them; on the queues page, sending changed queue fields instead of whole rows would cut them to a tenth.',
  'wire-total': (r) => {
    const gaps = r.wireIdle.gaps + r.wireChanged.gaps;
    return (
      'Besides the poll delta, every browser gets the probe\'s live measurements once a second: the parts of its state that moved (heartbeat timing, and every 2 s the round trip) and a chart point. ' +
      'The overview and the wall show them live, so they cannot simply stop; sending them only to pages that show the probe (as queue rows go only to the queues page, StreamInterest), or permessage-deflate on the socket (its JSON repeats the same keys), would cut that; neither is done yet.' +
      (gaps ? ` The client also saw ${gaps} sequence gaps, each answered by a whole snapshot (${bytes(r.snapshotBytes)}).` : '')
    );
  },
  probe: (r) =>
    `The probe's own close is posted from the probe worker to the main thread at once; the latency is the broker's own close (p99 ${ms(percentile(r.probe.brokerMs, 99))} after the DELETE here: the management API answers the DELETE late while it serves a 5,000-connection poll) ` +
    'plus the main thread being busy when the message lands (per-poll derive/diff and the socket.io encoding of megabyte deltas; see the event-loop max). Taking the per-poll work off the main thread and shrinking the poll deltas (see the wire targets) shortens the second part; the first is the broker\'s.',
  'event-exchange': (r) =>
    `The broker's own connection.closed reached a plain subscriber p99 ${ms(percentile(r.eventExchange.brokerMs, 99))} after the DELETE (the issue's 20 ms p99 was measured with no poll load). ` +
    'rabbitpulse\'s own share (its event → the client\'s view) is 2 ms at the median; its tail is a close that lands while the main thread is busy: applying a poll (one piece of about a tenth of a second at this size) or a major garbage collection of its heap (see the event-loop max and the CPU profile). ' +
    'Tried: the per-row JSON keys and rate objects are gone from the poll\'s work and alert rules run after the delta is delivered. Next: apply a poll in slices with yields between them, or derive and diff in the poll worker so only changed rows reach the main thread.',
  'poll-path': (r) =>
    `The management API forgets a closed connection at once for a single lookup (GET /api/connections/<name>: p99 ${ms(percentile(r.pollPath.listedMs, 99))} after the DELETE) and in the connection-tracking list each poll ends with (LIVE_CONNECTIONS_PATH), ` +
    'so what is left is the wait for the next poll (up to one interval) plus the part of the cycle after that list is read (parse, derive, diff, emit). A cycle longer than the interval pushes the next poll back: the poll loop waits for one cycle to end before it schedules the next.',
  'broker-log-added': (r) => {
    const b = r.brokerLog!;
    const on = r.eventExchange;
    const joined = on.sources['broker-log'] ?? 0;
    const late = on.latencyMs.length - joined;
    return (
      `${joined} of ${on.latencyMs.length} closes came with the broker's line in time; the other ${late} waited out eventExchange.logWaitMs before going out unjoined, ` +
      `which is where a p99 of ${ms(addedByLog(on, b.eventExchangeNoLog).p99)} added comes from when they are more than one in a hundred. ` +
      'If the lines did come (refined later), they trailed their events by more than the wait under this load: a shorter wait bounds what is added (the refinement still follows). ' +
      'If they never came, the parser did not recognise the force-close lines (server/sources/broker-log/parse-log-line.ts). ' +
      'If they were joined yet slow, the probe worker was busy: it parses every info line (accepting, granted access, closing) of every connection; see its CPU under churn above.'
    );
  },
  frames: () => 'Apply deltas in the browser without rebuilding every row: keep rows by id and update the changed ones in place; re-sort only when a sort key changed.',
};
