import type { ChannelHealth, ConnectionHealth, ConsumerHealth } from '../../server/contract';
import type { Level } from './level';

export interface PrefetchSummary {
  text: string;
  /** Longer explanation for the cell's title attribute. */
  detail: string;
  level: Level;
  /** Smallest effective prefetch among manual-ack consumers; 0 = unlimited. Null when there are none. */
  sortKey: number | null;
}

/**
 * With manual ack the broker keeps pushing until `prefetch` messages are
 * unacked; 0 means it never stops (failure F2). A global (channel-wide) limit
 * also bounds it, so only both being 0 is unlimited.
 */
export function isUnboundedManualAck(consumer: ConsumerHealth, channel: ChannelHealth): boolean {
  return consumer.ackRequired && consumer.prefetch === 0 && channel.globalPrefetch === 0;
}

/**
 * rabbitpulse's own probes consume with prefetch 0 on purpose: each reads its
 * own exclusive queue, which holds only the probe messages it published, and
 * acks each at once. Shown as it is, never judged as an application's finding.
 */
export const OWN_UNBOUNDED_DETAIL =
  "rabbitpulse's own probe: prefetch 0 on purpose. It consumes only the probe messages it publishes to its own exclusive queue, and acks each at once.";

export function prefetchSummary(c: Pick<ConnectionHealth, 'channels' | 'own'>): PrefetchSummary {
  const manual: number[] = [];
  let autoAck = 0;
  let unbounded = 0;
  for (const ch of c.channels) {
    for (const consumer of ch.consumers) {
      if (!consumer.ackRequired) {
        autoAck++;
        continue;
      }
      if (isUnboundedManualAck(consumer, ch)) unbounded++;
      const limits = [consumer.prefetch, ch.globalPrefetch].filter((n) => n > 0);
      manual.push(limits.length > 0 ? Math.min(...limits) : 0);
    }
  }
  if (manual.length === 0 && autoAck === 0) {
    return { text: 'no consumers', detail: 'This connection has no consumers.', level: 'neutral', sortKey: null };
  }
  if (manual.length === 0) {
    return {
      text: 'auto-ack',
      detail: `${autoAck} auto-ack consumer(s): prefetch does not apply.`,
      level: 'neutral',
      sortKey: null,
    };
  }
  if (unbounded > 0 && c.own) return { text: '0 (unlimited)', detail: OWN_UNBOUNDED_DETAIL, level: 'neutral', sortKey: 0 };
  if (unbounded > 0) {
    return {
      text: '0 (unlimited)',
      detail: `${unbounded} manual-ack consumer(s) with prefetch 0: the broker pushes without limit until the client's buffers fill.`,
      level: 'crit',
      sortKey: 0,
    };
  }
  const min = Math.min(...manual);
  const max = Math.max(...manual);
  return {
    text: min === max ? String(min) : `${min}–${max}`,
    detail: `${manual.length} manual-ack consumer(s), prefetch ${min === max ? min : `${min} to ${max}`}.`,
    level: 'ok',
    sortKey: min,
  };
}
