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
}

export interface BrokerTotals {
  connections: number;
  channels: number;
  queues: number;
  consumers: number;
  ready: number;
  unacked: number;
}
