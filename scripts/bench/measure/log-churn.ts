import type { BrokerLogKept } from '../../../server/contract';
import { Churn } from '../../soak/churn';
import type { BenchApp } from '../app/bench-app';
import type { MeteredClient } from '../app/wire-meter';
import { log } from '../support/log';
import { sleep } from '../support/stats';
import { receivedCloses, tallySources } from './close-events';

/**
 * Connection churn while the app watches 5,000 connections: what the broker
 * log subscription costs. Every churned connection makes the broker log
 * info lines (accepting, granted access, closing) and the event exchange its
 * created/closed events; with the log on, the probe worker parses every line
 * and joins each close to its line. Run once with the log on and once with it
 * off (eventExchange.brokerLog: false, a second app): the difference is the
 * log's share. Also checks the app takes it: every close reported, the close
 * joiner's maps bounded (its sizes, from the app's self-health), nothing
 * logged as an error.
 */
export interface ChurnCost {
  brokerLog: boolean;
  /** Wall time of the CPU window: the churn, then DRAIN_MS for the last closes. */
  seconds: number;
  perSecond: number;
  opened: number;
  openFailed: number;
  closesMade: number;
  /** Churned connections' closes the client was sent, by the source that sent each first. */
  closesSeen: number;
  bySource: Record<string, number>;
  refined: number;
  /** CPU time over the window, in ms. */
  cpuMs: { probeWorker: number; mainThread: number; process: number };
  /** The close joiner's sizes as the app reported them (every 5 s): the largest of each, and the last. Null with the log off. */
  kept: { max: BrokerLogKept; last: BrokerLogKept } | null;
  /** Lines the app wrote during the window that look like errors (the first few). */
  appErrors: string[];
}

export const CHURN_PREFIX = 'bench-churn-';
/** After the churn stops: the last closes wait up to the joiner's logWaitMs (50 ms by default) for their lines. */
const DRAIN_MS = 3_000;
const ERROR_LINE = /\b(error|exception|unhandled|fatal|uncaught)\b/i;

export async function measureLogChurn(o: { app: BenchApp; client: MeteredClient; amqpUrl: string; seconds: number; perSecond: number; brokerLog: boolean }): Promise<ChurnCost> {
  const label = `log ${o.brokerLog ? 'on' : 'off'}`;
  log(`churn (${label}): ${o.perSecond} connections opened and closed per second for ${o.seconds} s`);
  o.client.clear();
  const prefix = `${CHURN_PREFIX}${o.brokerLog ? 'on' : 'off'}-`;
  const outputFrom = o.app.output().length;
  let max: BrokerLogKept | null = null;
  let last: BrokerLogKept | null = null;
  const sampler = setInterval(() => {
    const kept = o.client.live.view()?.selfHealth?.brokerLogKept;
    if (!kept) return;
    last = kept;
    max = max ? { pending: Math.max(max.pending, kept.pending), early: Math.max(max.early, kept.early), sent: Math.max(max.sent, kept.sent) } : { ...kept };
  }, 1000);
  // Every connection gets its own port from the OS: port reuse is the soak's subject, not this one's.
  const churn = new Churn({ amqpUrl: o.amqpUrl, perSecond: o.perSecond, prefix, portPool: [] });
  const cpu0 = o.app.cpu();
  const t0 = Date.now();
  churn.start();
  try {
    await sleep(o.seconds * 1000);
  } finally {
    await churn.stop();
  }
  await sleep(DRAIN_MS);
  const cpu1 = o.app.cpu();
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const closes = receivedCloses(o.client.live.deltas, (e) => e.connection?.startsWith(prefix) ?? false);
  const { bySource, refined } = tallySources(closes.values());
  const appErrors = o.app
    .output()
    .slice(outputFrom)
    .split('\n')
    .filter((l) => ERROR_LINE.test(l))
    .slice(0, 5);
  const result: ChurnCost = {
    brokerLog: o.brokerLog,
    seconds,
    perSecond: o.perSecond,
    opened: churn.counts.opened,
    openFailed: churn.counts.openFailed,
    closesMade: churn.closedNames.length,
    closesSeen: closes.size,
    bySource,
    refined,
    cpuMs: {
      probeWorker: (cpu1.probeWorkerSec - cpu0.probeWorkerSec) * 1000,
      mainThread: (cpu1.mainThreadSec - cpu0.mainThreadSec) * 1000,
      process: (cpu1.processSec - cpu0.processSec) * 1000,
    },
    kept: max && last ? { max, last } : null,
    appErrors,
  };
  o.client.clear();
  log(
    `churn (${label}): ${result.closesMade} closes made, ${result.closesSeen} reported (${JSON.stringify(bySource)}, ${refined} refined later); ` +
      `probe worker ${Math.round(result.cpuMs.probeWorker)} ms CPU, main thread ${Math.round(result.cpuMs.mainThread)} ms, process ${Math.round(result.cpuMs.process)} ms over ${seconds.toFixed(0)} s; ` +
      `joiner kept max ${JSON.stringify(max)}; ${appErrors.length} error lines from the app`,
  );
  return result;
}
