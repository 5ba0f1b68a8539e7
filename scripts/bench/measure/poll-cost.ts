import type { LoopDelay } from '../../../server/contract';
import type { MeteredClient, PollFrame } from '../app/wire-meter';
import { cpuTimes, memory, sampleRss } from '../support/proc';
import { log } from '../support/log';

export interface PollCost {
  cycles: Array<Pick<PollFrame, 'observedAt' | 'serverTime' | 'fetchMs' | 'mainMs' | 'upserts'> & { cycleMs: number }>;
  cpuPerCycleSec: number;
  mainThreadCpuPerCycleSec: number;
  rssMaxBytes: number;
  peakRssBytes: number;
  /** The app's selfHealth reports (5 s windows, each holding one poll at the default interval). */
  serverLoop: LoopDelay[];
}

/**
 * Times `cycles` consecutive polls of the app as it runs on its own cadence
 * (the floor to compare them with is measured separately: fetch-floor.ts).
 * CPU is read from /proc across the whole span, so it includes everything
 * the app does per cycle (probes and self-health too).
 */
export async function measurePollCost(o: { client: MeteredClient; pid: number; cycles: number; intervalMs: number }): Promise<PollCost> {
  const { client, pid } = o;
  client.clear();
  let prev = await client.nextPoll();
  const cpu0 = cpuTimes(pid);
  const rss = sampleRss(pid);
  const result: PollCost = {
    cycles: [],
    cpuPerCycleSec: NaN,
    mainThreadCpuPerCycleSec: NaN,
    rssMaxBytes: 0,
    peakRssBytes: 0,
    serverLoop: [],
  };
  for (let i = 0; i < o.cycles; i++) {
    const poll = await client.nextPoll(prev.seq, o.intervalMs * 4);
    prev = poll;
    result.cycles.push({ observedAt: poll.observedAt, serverTime: poll.serverTime, fetchMs: poll.fetchMs, mainMs: poll.mainMs, upserts: poll.upserts, cycleMs: poll.serverTime - poll.observedAt });
    log(`poll ${i + 1}/${o.cycles}: cycle ${poll.serverTime - poll.observedAt} ms (fetch+parse ${poll.fetchMs} ms, main thread ${poll.mainMs} ms), ${poll.upserts} connections re-sent`);
  }
  const cpu1 = cpuTimes(pid);
  result.cpuPerCycleSec = (cpu1.processSec - cpu0.processSec) / o.cycles;
  result.mainThreadCpuPerCycleSec = (cpu1.mainThreadSec - cpu0.mainThreadSec) / o.cycles;
  result.rssMaxBytes = rss.stop();
  result.peakRssBytes = memory(pid).peakRssBytes;
  result.serverLoop = client.live.deltas.flatMap((d) => (d.selfHealth?.server ? [d.selfHealth.server] : []));
  return result;
}
