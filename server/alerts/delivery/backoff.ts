import type { DeliveryConfig } from '../../config/schema';
import { EQUAL_JITTER, type Backoff } from '../../backoff';

/**
 * How delivery retries back off: doubling from `baseBackoffMs`, capped at
 * `maxBackoffMs`, with equal jitter. The floor (half the window) keeps
 * retries from bunching at zero; the randomness keeps many notifications that
 * failed together (one outage) from retrying in lock-step.
 */
export function deliveryBackoff(config: Pick<DeliveryConfig, 'baseBackoffMs' | 'maxBackoffMs'>): Backoff {
  return { baseMs: config.baseBackoffMs, maxMs: config.maxBackoffMs, jitter: EQUAL_JITTER };
}
