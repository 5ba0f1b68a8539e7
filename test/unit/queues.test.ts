import { describe, expect, it } from 'vitest';
import { deriveQueues } from '../../server/analysis/queues';
import { queueId } from '../../server/shared/object-id';
import { rawQueue } from './builders';

describe('deriveQueues', () => {
  it('maps a raw queue, id vhost/name', () => {
    expect(deriveQueues([rawQueue()])).toEqual([
      {
        id: queueId('/', 'peek-q'),
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

  it('ids a queue by vhost and name, short whatever the name (links stay short)', () => {
    const long = 'x'.repeat(65_536);
    const ids = [queueId('orders', 'q1'), queueId('/', 'a/b'), queueId('/a', '/b'), queueId('/', long)];
    expect(new Set(ids).size).toBe(ids.length); // the vhost/name boundary is kept: '/a' + '/b' is not '/' + 'a/b'
    for (const id of ids) expect(id).toMatch(/^q[0-9a-z]{11}$/);
    expect(queueId('orders', 'q1')).toBe(queueId('orders', 'q1'));
    expect(deriveQueues([rawQueue({ vhost: '/', name: long })])[0]!.id).toBe(queueId('/', long));
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
