import { readFileSync } from 'node:fs';

/**
 * CPU time and memory of another process, read from /proc: what `top` would
 * show, without asking the process. Clock ticks are 100 Hz on Linux
 * (sysconf(_SC_CLK_TCK); Node cannot ask, and every Linux port uses 100).
 */
const TICKS_PER_SEC = 100;

export interface CpuTimes {
  /** All threads: main, poll worker, probe worker, history worker, libuv pool. */
  processSec: number;
  /** The main thread only: the event loop that serves sockets and HTTP. */
  mainThreadSec: number;
}

export function cpuTimes(pid: number): CpuTimes {
  return { processSec: statCpuSec(`/proc/${pid}/stat`), mainThreadSec: statCpuSec(`/proc/${pid}/task/${pid}/stat`) };
}

/** One thread's CPU time (a Linux thread id from /proc/<pid>/task, e.g. a worker thread's). */
export function threadCpuSec(pid: number, tid: number): number {
  return statCpuSec(`/proc/${pid}/task/${tid}/stat`);
}

/** utime + stime, fields 14 and 15 of stat (counted after the parenthesised command name). */
function statCpuSec(file: string): number {
  const text = readFileSync(file, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
}

export interface Memory {
  rssBytes: number;
  /** Peak RSS since the process started (VmHWM). */
  peakRssBytes: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
}

/** Samples RSS every `everyMs` until stopped; returns the largest seen. */
export function sampleRss(pid: number, everyMs = 250): { stop: () => number } {
  let max = 0;
  const take = () => {
    try {
      max = Math.max(max, memory(pid).rssBytes);
    } catch {
      // the process is gone; keep what we have
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return max;
    },
  };
}
