import type { LoopDelay } from '../../server/contract';
import type { Level } from './level';

/**
 * How late rabbitpulse's own timers fire. The probe worker timestamps every
 * heartbeat and round trip, so a delay of its own shows up as a slow broker:
 * 100 ms at p99 is already visible in round-trip figures, and a second is a
 * large share of a 5 s heartbeat timeout.
 */
export const LOOP_WARN_MS = 100;
export const LOOP_CRIT_MS = 1000;

export function loopDelayLevel(delay: LoopDelay | null): Level {
  if (delay === null) return 'neutral';
  if (delay.p99Ms >= LOOP_CRIT_MS) return 'crit';
  // A single long stall (max) matters for a heartbeat even when p99 is fine.
  if (delay.p99Ms >= LOOP_WARN_MS || delay.maxMs >= LOOP_CRIT_MS) return 'warn';
  return 'ok';
}
