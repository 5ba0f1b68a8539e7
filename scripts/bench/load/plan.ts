/**
 * What each load connection does, decided up front so the load is the same on
 * every run. Every connection opens `channelsPerConnection` channels; every
 * other connection consumes from one of the queues on its first channel, in
 * a fixed mix of prefetch settings and ack modes. Manual-ack consumers never
 * ack, so the messages they were given stay unacked for the whole run.
 */
export interface ConsumerPlan {
  queue: string;
  /** basic.qos prefetch; 0 = unlimited. */
  prefetch: number;
  noAck: boolean;
}

export interface ConnectionPlan {
  /** The client-provided connection name. */
  name: string;
  channels: number;
  consumer: ConsumerPlan | null;
}

/** The mix, repeated: unbounded and bounded manual-ack consumers, and one auto-ack. */
export const CONSUMER_MIX: ReadonlyArray<Omit<ConsumerPlan, 'queue'>> = [
  { prefetch: 0, noAck: false },
  { prefetch: 1, noAck: false },
  { prefetch: 10, noAck: false },
  { prefetch: 100, noAck: false },
  { prefetch: 0, noAck: true },
];

export const queueName = (i: number) => `bench-q-${String(i).padStart(5, '0')}`;

export function planLoad(o: { connections: number; channelsPerConnection: number; queues: number }): ConnectionPlan[] {
  return Array.from({ length: o.connections }, (_, i) => {
    const k = i / 2;
    const consumer = i % 2 === 0 ? { queue: queueName(k % o.queues), ...CONSUMER_MIX[k % CONSUMER_MIX.length]! } : null;
    return { name: `bench-load/${String(i).padStart(5, '0')}`, channels: o.channelsPerConnection, consumer };
  });
}

/** Splits the plan into `parts` nearly equal slices, one per loader process. */
export function slices<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
}
