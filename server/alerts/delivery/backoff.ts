import type { DeliveryConfig } from '../../config/schema';

/**
 * Delay before retry number `failures` (1 after the first failed attempt):
 * doubling from `baseBackoffMs`, capped at `maxBackoffMs`, with "equal jitter"
 * — a random point in the upper half of the window. The floor keeps retries
 * from bunching at zero; the randomness keeps many notifications that failed
 * together (one outage) from retrying in lock-step.
 *
 * `random` is a number in [0, 1), passed in so the function stays pure.
 */
export function backoffMs(failures: number, config: Pick<DeliveryConfig, 'baseBackoffMs' | 'maxBackoffMs'>, random: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30); // 2^30 × base is past any sane cap; avoids Infinity
  const window = Math.min(config.maxBackoffMs, config.baseBackoffMs * 2 ** exponent);
  return Math.round(window / 2 + (window / 2) * random);
}
