import type { ConsumerTimeoutSource } from '../contract';
import type { RawConsumer, RawQueue } from '../sources/management/types';
import type { TimeoutRules } from '../shared/consumer-timeout-versions';

/**
 * Which delivery acknowledgement timeout ("consumer timeout") applies to a
 * channel's unacked deliveries. The broker closes the channel with 406
 * PRECONDITION_FAILED once a delivery has waited longer than that (it checks
 * about once a minute). What it honours depends on its version
 * (server/shared/consumer-timeout-versions.ts). The broker-wide value is not
 * in the management API: `alerts.consumerTimeoutMs` stands for it (0 when the
 * broker has it turned off).
 */

/** The broker-wide default since RabbitMQ 3.8.17: 30 minutes. */
export const DEFAULT_CONSUMER_TIMEOUT_MS = 1_800_000;

export interface ConsumerTimeout {
  ms: number;
  source: ConsumerTimeoutSource;
}

/** What one queue's settings come to; null when no timeout applies to its deliveries. */
export function queueTimeout(queue: Pick<RawQueue, 'type' | 'timeoutArgumentMs' | 'timeoutPolicyMs'> | undefined, rules: TimeoutRules, configMs: number): ConsumerTimeout | null {
  const brokerWide: ConsumerTimeout | null = configMs > 0 ? { ms: configMs, source: 'config' } : null;
  if (rules === 'broker-wide') return brokerWide;
  // From 4.3 a queue not in the list may be classic or quorum: whether anything applies is not known.
  if (rules === 'quorum-only' && queue?.type !== 'quorum') return null;
  const argument = queue?.timeoutArgumentMs ?? null;
  const policy = queue?.timeoutPolicyMs ?? null;
  if (argument !== null && (policy === null || argument <= policy)) return { ms: argument, source: 'queue-argument' };
  if (policy !== null) return { ms: policy, source: 'policy' };
  return brokerWide;
}

/** Ties keep the more specific source, so the label cannot flip between polls with the order of consumers. */
const SOURCE_RANK: Record<ConsumerTimeoutSource, number> = { 'queue-argument': 0, policy: 1, config: 2 };

/**
 * The timeout of each channel of a poll, from its consumers: the smallest of
 * its manual-ack consumers' queues' (auto-ack deliveries are never unacked),
 * since the first delivery to time out closes the whole channel. A channel
 * without such consumers can still hold deliveries (basic.get, or consumers
 * cancelled before acking): before 4.3 the channel itself applies the
 * broker-wide value to them; from 4.3 only the queue could, and which one is
 * not known. Each queue is worked out once per poll, not once per consumer.
 */
export function channelTimeouts(
  queues: readonly RawQueue[],
  rules: TimeoutRules,
  configMs: number,
): (consumers: readonly Pick<RawConsumer, 'queue' | 'vhost' | 'ackRequired'>[]) => ConsumerTimeout | null {
  const byVhost = new Map<string, Map<string, ConsumerTimeout | null>>();
  for (const q of queues) {
    let byName = byVhost.get(q.vhost);
    if (!byName) byVhost.set(q.vhost, (byName = new Map()));
    byName.set(q.name, queueTimeout(q, rules, configMs));
  }
  const unlisted = queueTimeout(undefined, rules, configMs);
  const withoutConsumers = rules === 'quorum-only' ? null : unlisted;
  return (consumers) => {
    let manual = false;
    let best: ConsumerTimeout | null = null;
    for (const c of consumers) {
      if (!c.ackRequired) continue;
      manual = true;
      const listed = byVhost.get(c.vhost)?.get(c.queue);
      const t = listed === undefined ? unlisted : listed;
      if (t && (!best || t.ms < best.ms || (t.ms === best.ms && SOURCE_RANK[t.source] < SOURCE_RANK[best.source]))) best = t;
    }
    return manual ? best : withoutConsumers;
  };
}
