import { describe, expect, it } from 'vitest';
import { deriveQueues, queueId } from '../../server/analysis/queues';
import { rawQueue } from './builders';

describe('deriveQueues', () => {
  it('maps a raw queue, id vhost/name', () => {
    expect(deriveQueues([rawQueue()])).toEqual([
      {
        id: '//peek-q',
        vhost: '/',
        name: 'peek-q',
        type: 'classic',
        state: 'running',
        node: 'rabbit@localhost',
        durable: false,
        autoDelete: false,
        exclusive: false,
        ready: 2,
        unacked: 3,
        messages: 5,
        persistent: 0,
        consumers: 1,
        consumerUtilisation: 0.48,
        rates: { publish: 1, deliver: 0.6, ack: 0, redeliver: 0 },
      },
    ]);
  });

  it.each([
    ['orders', 'q1', 'orders/q1'],
    ['/', 'a/b', '//a/b'],
  ])('queueId(%j, %j) = %j', (vhost, name, id) => {
    expect(queueId(vhost, name)).toBe(id);
    expect(deriveQueues([rawQueue({ vhost, name })])[0]!.id).toBe(id);
  });

  it.each([
    { consumers: 0, reported: 1, expected: null },
    { consumers: 0, reported: null, expected: null },
    { consumers: 2, reported: 0.25, expected: 0.25 },
    { consumers: 2, reported: null, expected: null },
    { consumers: 1, reported: 0, expected: 0 },
    { consumers: 3, reported: 0.004_218_77, expected: 0 },
    { consumers: 3, reported: 0.126_5, expected: 0.13 },
  ])('utilisation with $consumers consumers, reported $reported → $expected', ({ consumers, reported, expected }) => {
    expect(deriveQueues([rawQueue({ consumers, consumerUtilisation: reported })])[0]!.consumerUtilisation).toBe(expected);
  });
});
