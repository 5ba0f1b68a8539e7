// Doing something `rate` times per second for as long as the signal allows,
// counted against the clock rather than by sleeping 1/rate between calls, so
// slow calls don't silently lower the rate.

import { sleep } from './time';

export async function atRate(rate: number, signal: AbortSignal, act: () => Promise<void> | void): Promise<void> {
  const startedMs = Date.now();
  let done = 0;
  // Ticks of at most 100 ms keep the output smooth at high rates; at low
  // rates one tick per action is enough.
  const tickMs = Math.min(100, 1000 / rate);
  while (!signal.aborted) {
    const due = Math.floor(((Date.now() - startedMs) / 1000) * rate) - done;
    // After a stall (a blocked broker, a paused laptop) don't fire a burst of
    // everything missed: at most one second's worth, then carry on from now.
    const now = Math.min(due, Math.ceil(rate));
    done += due - now;
    for (let i = 0; i < now && !signal.aborted; i++) {
      await act();
      done += 1;
    }
    await sleep(tickMs, signal);
  }
}
