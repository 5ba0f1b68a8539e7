import type { QueueHealth } from '../../server/contract';
import { fmtInt, fmtRatio } from '../format';
import type { Level } from '../health/level';
import { isUnderusedConsumer } from './durability';

type Input = Pick<QueueHealth, 'consumers' | 'consumerUtilisation' | 'ready' | 'unacked' | 'rates'>;

export interface UtilisationView {
  kind: 'blocked-on-acks' | 'underused' | 'plain';
  text: string;
  level: Level;
  /** The tooltip: what the figure means here. */
  title: string;
  /** Ascending is worst first: blocked below every figure, then the figure. */
  sortKey: number | null;
}

/**
 * The broker's consumer_utilisation is the share of time the queue could hand
 * a message to a consumer at once. It is not health: a consumer that takes
 * messages and never acks reads 100 % (with unlimited prefetch it takes
 * everything, so nothing ever waits), and the figure only drops once a
 * prefetch limit is reached. So when the consumers hold unacked messages and
 * nothing is being acked, that is what is shown instead of the figure.
 */
export function utilisationView(q: Input): UtilisationView {
  const figure = fmtRatio(q.consumerUtilisation);
  if (isBlockedOnAcks(q)) {
    return {
      kind: 'blocked-on-acks',
      text: 'blocked on acks',
      level: 'warn',
      title:
        `The consumers hold ${fmtInt(q.unacked)} unacked and ack nothing (ack rate 0). The broker's utilisation reads ${figure}, ` +
        'which is not health: it counts a consumer that never acks as always ready.',
      sortKey: -1,
    };
  }
  if (isUnderusedConsumer(q)) {
    return {
      kind: 'underused',
      text: figure,
      level: 'warn',
      title: 'Messages are waiting but the consumers are rarely ready for more: slow handlers or unlimited prefetch.',
      sortKey: q.consumerUtilisation,
    };
  }
  return { kind: 'plain', text: figure, level: 'neutral', title: UTILISATION_MEANING, sortKey: q.consumerUtilisation };
}

export const UTILISATION_MEANING =
  "Consumer utilisation: the share of time the queue could hand a message to a consumer at once. Not health: a consumer that never acks reads 100 %.";

/**
 * Consumers hold unacked messages and the broker saw no ack in its last rate
 * window. The management API leaves `ack_details` out until a queue's first
 * ack, so a missing ack rate counts as zero when the deliver rate is known;
 * with no rates at all (rates switched off) nothing is claimed.
 */
export function isBlockedOnAcks(q: Pick<QueueHealth, 'consumers' | 'unacked' | 'rates'>): boolean {
  if (q.consumers === 0 || q.unacked === 0) return false;
  if (q.rates.ack === null) return q.rates.deliver !== null;
  return q.rates.ack === 0;
}
