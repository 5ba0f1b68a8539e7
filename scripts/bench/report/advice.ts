import type { TargetId } from './figures';

/**
 * What could be done when a target is missed: the design change the
 * measurement points to (server files named; the benchmark itself changes
 * nothing in the server). Shown next to the measured reason in BENCHMARKS.md.
 */
export const ADVICE: Record<TargetId, string> = {
  'poll-ratio':
    'The cycle is bounded by the broker\'s two slow answers (connections, channels). With poll.concurrency 3 and ENDPOINT_NAMES in the order overview, nodes, connections, channels, … ' +
    '(server/sources/management/endpoints.ts, poll-once.ts) channels only starts once overview or nodes is done; fetch all six at once (default concurrency 6) or start the two big ones first. ' +
    'Parsing in the worker then overlaps the slower fetch.',
  rss:
    'Most of it is there before any data: tsx\'s loader hooks run in the main thread and again in each of the three worker threads (server/ts-worker.ts registers tsx per worker), ' +
    'each worker with tsx costing several times a plain one (see the steps above). Compile the server to JavaScript for production (e.g. esbuild into dist/, workers started from .js files) ' +
    'so neither the main thread nor the workers load tsx; or run the three workers in one thread.',
  loop:
    'Move the per-poll work that scales with connections off the main thread: derive + diff (server/state/target-store.ts applyPoll, analysis/diff.ts with connectionKey\'s JSON.stringify of every row) can run in the poll worker, which then sends only the changed rows. ' +
    'Alert evaluation (alerts/alerting.ts) runs on every delta, including the probe\'s once a second, over the whole target state: run it once per poll and on events only.',
  'wire-poll':
    'Leave the byte rates (recvRate, sendRate; channel ackRate/deliverRate) out of the diff key in server/analysis/silence.ts connectionKey — the broker\'s heartbeats to each client (every 30 s at the default 60 s timeout) make sendRate flip from 0 to a few B/s and back, ' +
    'so every idle connection is re-sent about twice a minute. The table does not show the rates; send them only with the connection page\'s series, or rounded to coarse bands. ' +
    'The inbound-byte clock (recvChangedAt) moving with the client\'s heartbeats could go as a compact list of connection ids per poll instead of whole rows.',
  'wire-total':
    'Two more costs per interval: (1) the probe\'s whole ProbeState goes to every browser every second (server/sources/probes/probe-host.ts → hub.applyProbes); send the small chart sample each second and the state only when it changed. ' +
    '(2) Sequence gaps, each answered by a whole snapshot: Hub.publish (server/state/hub.ts) is re-entered when the alerting listener, registered before the socket listener, publishes alert changes from inside a delta\'s listener loop, ' +
    'so the alert delta (seq n+1) reaches the socket before the delta that caused it (seq n). Queue deltas published during publish() and deliver them after the current one, or register the socket listener first.',
  probe:
    'The probe learns of the close from its own socket and the worker posts it to the main thread at once; what remains is the broker\'s own close (the floor shown) and the main thread being busy when the message lands: ' +
    'see the event-loop figures, and move per-poll work off the main thread (as for the event-loop target).',
  'event-exchange':
    'The close arrives on the event exchange in the probe worker and is posted to the main thread at once; a slow p99 is the main thread busy (per-poll derive/diff, alert evaluation over the whole state, socket.io encoding of large deltas) when it lands. ' +
    'Moving the per-poll work into the poll worker takes it off this path.',
  'poll-path':
    'On the poll path a close is seen by the first poll that starts after it, so the latency is up to one interval plus one cycle; with a cycle over 1 s the p99 passes interval + 1 s. ' +
    'Poll the connection names alone (`/api/connections?columns=name`, measured above) every second or two between full polls, and report a name that vanished at once.',
  frames:
    'Apply deltas in the browser without rebuilding every row: keep rows by id and update the changed ones in place; re-sort only when a sort key changed.',
};
