import type { ChannelHealth, ConnectionHealth } from '../../contract';
import { defineRule } from './define';
import { valueAgo } from './history';
import { appConnections, connectionObject } from './objects';
import { count, windowSeconds } from './params';

/** How long acks must stand still before a consumer counts as forgetting them (forgotten-ack's default `seconds`). */
export const NO_ACK_SECONDS = 20;

const channelUnackedKey = (c: ConnectionHealth, ch: ChannelHealth) => `channel-unacked:${c.id}:${ch.number}`;
const manualAck = (ch: ChannelHealth) => ch.consumers.some((k) => k.ackRequired);

/**
 * 3 (first finding). A consumer that takes deliveries and acks none of them.
 * Read per channel from two facts the poll already has: its acks have not
 * moved (nor its unacked fallen to zero) for `seconds` (ChannelHealth's
 * `unackedSince`), and meanwhile its unacked grew — or sits at its prefetch
 * limit, where a bounded consumer that never acks stops. Faster than the
 * queue's unacked-growth (which needs a minute), and the cause to lead
 * with: unbounded prefetch only makes a forgotten ack pile up faster.
 */
export const forgottenAck = defineRule({
  id: 'forgotten-ack',
  usesPoll: true,
  title: 'Messages delivered, none acknowledged',
  severity: 'warning',
  forMs: 0,
  resolveAfterMs: 30_000,
  params: { seconds: windowSeconds(NO_ACK_SECONDS), unacked: count(1) },
  explanation:
    'This connection\'s consumer keeps taking deliveries and acknowledges none of them: its unacked messages grow (or sit at the prefetch limit) while its acks do not move. Almost always a handler that forgets to ack on some path — an early return, an exception, or an ack on the wrong channel. ' +
    'The broker keeps every one of those messages for it until the connection closes, then redelivers them all. Fix: ack (or nack/reject) on every path, including errors; then set a prefetch so a stuck consumer holds a bounded number.',
  observe: (target) =>
    appConnections(target.connections).flatMap((c) => c.channels.filter(manualAck).map((ch) => ({ key: channelUnackedKey(c, ch), value: ch.unacked }))),
  evaluate: (ctx, p) =>
    appConnections(ctx.target.connections).flatMap((c) => {
      const stuck = c.channels.filter((ch) => {
        if (!manualAck(ch) || ch.unacked < p.unacked || ch.unackedSince === null) return false;
        if (ctx.now - ch.unackedSince < p.seconds * 1000) return false;
        const before = valueAgo(ctx, channelUnackedKey(c, ch), p.seconds * 1000);
        const grew = before !== null && ch.unacked > before;
        const atLimit = ch.prefetch > 0 && ch.unacked >= ch.prefetch;
        return grew || atLimit;
      });
      if (stuck.length === 0) return [];
      const unacked = stuck.reduce((n, ch) => n + ch.unacked, 0);
      const quietSec = Math.floor((ctx.now - Math.max(...stuck.map((ch) => ch.unackedSince!))) / 1000);
      const queues = [...new Set(stuck.flatMap((ch) => ch.consumers.filter((k) => k.ackRequired).map((k) => k.queue)))].join(', ');
      return [
        {
          object: connectionObject(c),
          value: `${unacked} unacked on ${stuck.length === 1 ? `channel ${stuck[0]!.number}` : `${stuck.length} channels`}, no ack for ${quietSec} s or more (queues: ${queues}); client ${c.client}`,
        },
      ];
    }),
});
