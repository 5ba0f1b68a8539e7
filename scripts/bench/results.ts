import type { Sizes } from './options';
import type { Machine } from './support/machine';
import type { LoaderCounts } from './load/protocol';
import type { PollCost } from './measure/poll-cost';
import type { FetchFloor } from './measure/fetch-floor';
import type { Baseline } from './measure/baseline';
import type { RssStep } from './measure/rss-anatomy';
import type { WireCondition } from './measure/wire-cost';
import type { Detection } from './measure/detection';
import type { BrowserResult } from './measure/browser';
import type { ThreadProfile } from './measure/profile';
import type { ChurnCost } from './measure/log-churn';

/** Everything one run measured, as the report needs it. */
export interface Results {
  startedAt: Date;
  finishedAt: Date;
  machine: Machine;
  sizes: Sizes;
  broker: { version: string; erlang: string; fdTotal: number; socketsTotal: number; fdNote: string };
  load: LoaderCounts & { queues: number; messages: number; totals: BrokerTotals; openSeconds: number };
  pollIntervalMs: number;
  appConcurrency: number;
  /** The app before the load existed. */
  baseline: Baseline;
  /** RSS step by step as the server's parts start, in a separate process with no data. */
  rssAnatomy: RssStep[];
  pollCost: PollCost;
  /** The plain fetch of the same endpoints, with no app running. */
  fetchFloor: FetchFloor;
  /** Snapshot for a page without queue rows (the connections page), as every wire figure below unless named. */
  snapshotBytes: number;
  /** Snapshot for the queues page, which streams every queue row; absent in runs before rows were streamed by page. */
  snapshotBytesQueuesPage?: number;
  wireIdle: WireCondition;
  /** The same idle polls at a client on the queues page; absent in runs before rows were streamed by page. */
  wireIdleQueuesPage?: WireCondition;
  wireChanged: WireCondition;
  probe: Detection;
  eventExchange: Detection;
  pollPath: Detection;
  browser: BrowserResult | null;
  /** With --profile: where the app's threads spent their time (the second, poll-path app run). */
  profile: ThreadProfile[] | null;
  /** The broker's log exchange (issue 12); absent in runs before the private node had it on. */
  brokerLog?: BrokerLogResults;
}

/**
 * The first app runs with the log subscription on (the default), so
 * `eventExchange` above went through the close joiner; a third app, with
 * `eventExchange.brokerLog: false`, repeats those closes and the churn without it.
 */
export interface BrokerLogResults {
  /** The same application force-closes, log subscription off: the event-exchange path alone. */
  eventExchangeNoLog: Detection;
  churnOn: ChurnCost;
  churnOff: ChurnCost;
}

export interface BrokerTotals {
  connections: number;
  channels: number;
  queues: number;
  consumers: number;
  ready: number;
  unacked: number;
}
