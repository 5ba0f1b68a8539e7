import type { MeteredClient } from '../app/wire-meter';
import { cpuTimes, memory } from '../support/proc';

export interface Baseline {
  rssBytes: number;
  cpuPerCycleSec: number;
  mainThreadCpuPerCycleSec: number;
  cycleMs: number;
}

/**
 * The app before the load exists (only its own connections on the broker):
 * what RSS and CPU per cycle cost with nothing to watch, so the figures at
 * full load can be read as baseline + what the load adds.
 */
export async function measureBaseline(o: { client: MeteredClient; pid: number; cycles: number }): Promise<Baseline> {
  const { client, pid } = o;
  client.clear();
  // Skip the first polls: start-up work (Next warming up, workers compiling) is not the steady state.
  let prev = await client.nextPoll();
  prev = await client.nextPoll(prev.seq);
  const cpu0 = cpuTimes(pid);
  const cycles: number[] = [];
  for (let i = 0; i < o.cycles; i++) {
    prev = await client.nextPoll(prev.seq);
    cycles.push(prev.serverTime - prev.observedAt);
  }
  const cpu1 = cpuTimes(pid);
  return {
    rssBytes: memory(pid).rssBytes,
    cpuPerCycleSec: (cpu1.processSec - cpu0.processSec) / o.cycles,
    mainThreadCpuPerCycleSec: (cpu1.mainThreadSec - cpu0.mainThreadSec) / o.cycles,
    cycleMs: cycles.reduce((a, b) => a + b, 0) / cycles.length,
  };
}
