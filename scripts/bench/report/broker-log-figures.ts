import type { BrokerLogResults, Results } from '../results';
import type { Detection } from '../measure/detection';
import type { ChurnCost } from '../measure/log-churn';
import { median, percentile } from '../support/stats';
import type { Section } from './figures';
import { int, ms } from './format';

/** Issue 12's target: what waiting for the broker's log line may add to a close's way to the browser. */
export const ADDED_P99_LIMIT_MS = 50;

/** The added latency of the log join, as figures and advice both state it. */
export function addedByLog(on: Detection, off: Detection): { p50: number; p99: number } {
  return { p50: median(on.ownMs) - median(off.ownMs), p99: percentile(on.ownMs, 99) - percentile(off.ownMs, 99) };
}

/** How the closes of one run came: joined to the broker's line within the wait, refined later, or never in the broker's words. */
function arrivals(seen: number, bySource: Record<string, number>, refined: number): string {
  const joined = bySource['broker-log'] ?? 0;
  return `with the broker's line joined in time ${int(joined)} of ${int(seen)}, refined later (the line came after the wait) ${int(refined)}, never ${int(seen - joined - refined)}`;
}

const spread = (list: number[]) => `p50 ${ms(median(list))}, p99 ${ms(percentile(list, 99))}`;
const perSecond = (c: ChurnCost, cpuMs: number) => cpuMs / c.seconds;
const perClose = (c: ChurnCost, cpuMs: number) => cpuMs / Math.max(1, c.closesMade);

export function brokerLogSection(r: Results, b: BrokerLogResults): Section {
  const on = r.eventExchange;
  const off = b.eventExchangeNoLog;
  const added = addedByLog(on, off);
  const enough = on.ownMs.length >= 50 && off.ownMs.length >= 50;
  const { churnOn: cOn, churnOff: cOff } = b;
  const worker = (c: ChurnCost) => `${ms(perSecond(c, c.cpuMs.probeWorker))} per second, ${ms(perClose(c, c.cpuMs.probeWorker))} per close`;
  const shareSec = perSecond(cOn, cOn.cpuMs.probeWorker) - perSecond(cOff, cOff.cpuMs.probeWorker);
  const shareClose = perClose(cOn, cOn.cpuMs.probeWorker) - perClose(cOff, cOff.cpuMs.probeWorker);
  const others = (c: ChurnCost) => `main thread ${ms(perSecond(c, c.cpuMs.mainThread))}/s, whole process ${ms(perSecond(c, c.cpuMs.process))}/s`;
  const lost = cOn.closesMade - cOn.closesSeen;
  const kept = cOn.kept ? `max ${cOn.kept.max.pending} pending, ${cOn.kept.max.early} early, ${cOn.kept.max.sent} sent (last ${cOn.kept.last.pending}/${cOn.kept.last.early}/${cOn.kept.last.sent})` : 'not reported';
  return {
    title: "Broker log (amq.rabbitmq.log at info, joined to each close by the app's probe worker)",
    figures: [
      {
        id: 'broker-log-added',
        label: "Application force-close: added by the log join to rabbitpulse's own share (broker's connection.closed → client view), log on − log off",
        value:
          `p50 ${addedMs(added.p50)}, p99 ${addedMs(added.p99)} (log on: ${spread(on.ownMs)}, ${on.ownMs.length} closes; ` +
          `log off, a third app with eventExchange.brokerLog false: ${spread(off.ownMs)}, ${off.ownMs.length} closes)`,
        target: `p99 added ≤ ${ADDED_P99_LIMIT_MS} ms`,
        verdict: !enough ? 'missed' : added.p99 <= ADDED_P99_LIMIT_MS && on.missed === 0 ? 'met' : 'missed',
        reason: !enough
          ? `only ${on.ownMs.length} and ${off.ownMs.length} closes measured (a quick run); the target needs ≥ 50 of each`
          : `own share p99 ${ms(percentile(on.ownMs, 99))} with the log against ${ms(percentile(off.ownMs, 99))} without; ${arrivals(on.ownMs.length, on.sources, on.refined ?? 0)}`,
      },
      { label: 'Those force-closes, log on: how they came', value: arrivals(on.latencyMs.length, on.sources, on.refined ?? 0), verdict: 'info' },
      {
        label: `Probe worker CPU under churn (${cOn.perSecond} connections opened and closed per second for ${Math.round(cOn.seconds)} s, ${int(r.load.connections)} connections held)`,
        value:
          `log on ${worker(cOn)}; log off ${worker(cOff)}; the log subscription's share ${ms(shareSec)} per second, ${ms(shareClose)} per close. ` +
          `Elsewhere, log on: ${others(cOn)}; log off: ${others(cOff)}`,
        verdict: 'info',
      },
      {
        label: 'The app under that churn, log on',
        value:
          `${int(cOn.closesMade)} closes made, ${int(cOn.closesSeen)} reported, ${int(Math.max(0, lost))} not; ${arrivals(cOn.closesSeen, cOn.bySource, cOn.refined)}; ` +
          `close joiner (every 5 s from the app's self-health): ${kept}; ` +
          `error lines in the app's output: ${cOn.appErrors.length ? cOn.appErrors.map((l) => JSON.stringify(l.slice(0, 160))).join(' ') : 'none'}`,
        verdict: 'info',
      },
    ],
  };
}

const addedMs = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${ms(Math.abs(v))}` : 'n/a');
