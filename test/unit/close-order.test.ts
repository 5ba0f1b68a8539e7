import { describe, expect, it } from 'vitest';
import { CloseOrderTracker, type ObservedClose } from '../../server/analysis/close-order';
import type { BrokerEvent } from '../../server/sources/events/broker-event';
import { brokerEvents } from './builders';

const { connCreated, connClosed, chCreated, chClosed } = brokerEvents;

/** Feeds events in order; returns every close classified, in order. */
function feed(tracker: CloseOrderTracker, events: readonly BrokerEvent[]): ObservedClose[] {
  const out: ObservedClose[] = [];
  for (const e of events) {
    const close = tracker.onEvent(e);
    if (close) out.push(close);
  }
  return out;
}

describe('CloseOrderTracker: one connection', () => {
  it.each([
    {
      case: 'clean: channel closed before the connection',
      events: [connCreated('<c1>'), chCreated('<ch1>', '<c1>'), chClosed('<ch1>'), connClosed('<c1>')],
      order: 'clean',
      evidence: /channels closed before the connection/,
    },
    {
      case: 'abrupt: connection closed with its channel open, channel closed after',
      events: [connCreated('<c1>'), chCreated('<ch1>', '<c1>'), connClosed('<c1>'), chClosed('<ch1>')],
      order: 'abrupt',
      evidence: /while one of its channels was still open/,
    },
    {
      case: 'abrupt with three channels open',
      events: [connCreated('<c1>'), chCreated('<ch1>', '<c1>'), chCreated('<ch2>', '<c1>'), chCreated('<ch3>', '<c1>'), connClosed('<c1>')],
      order: 'abrupt',
      evidence: /while 3 of its channels were still open/,
    },
    {
      case: 'abrupt: one of two channels closed first, the other still open',
      events: [connCreated('<c1>'), chCreated('<ch1>', '<c1>'), chCreated('<ch2>', '<c1>'), chClosed('<ch1>'), connClosed('<c1>'), chClosed('<ch2>')],
      order: 'abrupt',
      evidence: /while one of its channels was still open/,
    },
    {
      case: 'unknown: never seen created, no channels',
      events: [connClosed('<c1>')],
      order: 'unknown',
      evidence: /before rabbitpulse subscribed/,
    },
    {
      case: 'unknown: never seen created, though one newer channel came and went',
      // Older channels, opened before we subscribed, may still have been open: the order proves nothing.
      events: [chCreated('<ch9>', '<c1>'), chClosed('<ch9>'), connClosed('<c1>')],
      order: 'unknown',
      evidence: /before rabbitpulse subscribed/,
    },
    {
      case: 'unknown: a connection that never had a channel',
      events: [connCreated('<c1>'), connClosed('<c1>')],
      order: 'unknown',
      evidence: /no channels/,
    },
  ])('$case', ({ events, order, evidence }) => {
    const tracker = new CloseOrderTracker();
    const closes = feed(tracker, events);
    expect(closes).toHaveLength(1);
    expect(closes[0]!.order).toBe(order);
    expect(closes[0]!.evidence).toMatch(evidence);
    expect(tracker.size()).toEqual({ connections: 0, channels: 0 });
  });

  it('copies the close event fields into the result', () => {
    const tracker = new CloseOrderTracker();
    tracker.onEvent(connCreated('<c1>'));
    const close = tracker.onEvent({ kind: 'connection.closed', at: 1234, pid: '<c1>', name: '10.0.0.1:5000 -> 10.0.0.2:5672', providedName: 'orders', client: 'pika 1.3.2' });
    expect(close).toMatchObject({ at: 1234, pid: '<c1>', name: '10.0.0.1:5000 -> 10.0.0.2:5672', providedName: 'orders', client: 'pika 1.3.2' });
  });

  it('returns null for every event but connection.closed', () => {
    const tracker = new CloseOrderTracker();
    const others: BrokerEvent[] = [
      connCreated('<c1>'),
      chCreated('<ch1>', '<c1>'),
      chClosed('<ch1>'),
      { kind: 'auth.failure', at: 1, user: 'bob', peer: null, error: null },
      { kind: 'alarm', at: 1, set: true, node: 'rabbit@a', resource: 'memory' },
    ];
    expect(others.map((e) => tracker.onEvent(e))).toEqual([null, null, null, null, null]);
  });
});

describe('CloseOrderTracker: several connections interleaved', () => {
  it('classifies each by its own channels', () => {
    const tracker = new CloseOrderTracker();
    const closes = feed(tracker, [
      connCreated('<a>'),
      connCreated('<b>'),
      chCreated('<a1>', '<a>'),
      connCreated('<c>'),
      chCreated('<b1>', '<b>'),
      chCreated('<b2>', '<b>'),
      chClosed('<a1>'),
      connClosed('<b>'), // b drops with both channels open
      connClosed('<a>'), // a closes cleanly
      chClosed('<b1>'),
      chClosed('<b2>'),
      connClosed('<c>'), // c never had a channel
    ]);
    expect(closes.map((c) => [c.pid, c.order])).toEqual([
      ['<b>', 'abrupt'],
      ['<a>', 'clean'],
      ['<c>', 'unknown'],
    ]);
    expect(closes[0]!.evidence).toMatch(/2 of its channels were still open/);
    expect(tracker.size()).toEqual({ connections: 0, channels: 0 });
  });

  it('tracks open connections and channels until they close', () => {
    const tracker = new CloseOrderTracker();
    feed(tracker, [connCreated('<a>'), connCreated('<b>'), chCreated('<a1>', '<a>'), chCreated('<a2>', '<a>'), chCreated('<b1>', '<b>')]);
    expect(tracker.size()).toEqual({ connections: 2, channels: 3 });
    feed(tracker, [chClosed('<a1>')]);
    expect(tracker.size()).toEqual({ connections: 2, channels: 2 });
    feed(tracker, [connClosed('<a>')]);
    expect(tracker.size()).toEqual({ connections: 1, channels: 1 });
    feed(tracker, [chClosed('<a2>'), connClosed('<b>'), chClosed('<b1>')]);
    expect(tracker.size()).toEqual({ connections: 0, channels: 0 });
  });

  it('a reused pid after a close starts afresh', () => {
    const tracker = new CloseOrderTracker();
    feed(tracker, [connCreated('<a>'), chCreated('<a1>', '<a>'), connClosed('<a>'), chClosed('<a1>')]);
    const [again] = feed(tracker, [connCreated('<a>'), connClosed('<a>')]);
    expect(again!.order).toBe('unknown');
  });

  it('stays bounded under churn of clean and abrupt closes', () => {
    const tracker = new CloseOrderTracker();
    for (let i = 0; i < 1000; i++) {
      const c = `<c${i}>`;
      const ch = `<ch${i}>`;
      const events = i % 2 ? [connCreated(c), chCreated(ch, c), chClosed(ch), connClosed(c)] : [connCreated(c), chCreated(ch, c), connClosed(c), chClosed(ch)];
      feed(tracker, events);
    }
    expect(tracker.size()).toEqual({ connections: 0, channels: 0 });
  });
});

describe('CloseOrderTracker: the force-close signal without the broker log', () => {
  const { consumerDeleted } = brokerEvents;
  const PIKA = 'Pika Python Client Library 1.2.0';
  const withClient = (e: BrokerEvent, client: string): BrokerEvent => (e.kind === 'connection.closed' ? { ...e, client } : e);
  // Sequences as measured on RabbitMQ 3.10.8 (see CANCELS_CONSUMERS_ON_CLOSE).
  const orderly = (deletedBy: string, client: string) => [
    connCreated('<c1>'),
    chCreated('<ch1>', '<c1>'),
    consumerDeleted('<ch1>', deletedBy),
    chClosed('<ch1>'),
    withClient(connClosed('<c1>'), client),
  ];

  it.each([
    { case: "pika, consumers removed by the broker itself: forced (pika cancels its own)", events: orderly('rmq-internal', PIKA), order: 'forced' },
    { case: "pika's own close: it cancelled its consumer as the user", events: orderly('guest', PIKA), order: 'clean' },
    { case: 'amqplib: its own close and a force-close look alike, so no signal', events: orderly('rmq-internal', 'amqplib 2.3.1'), order: 'clean' },
    {
      case: 'pika dropped abruptly: the broker removes consumers after the connection, which is no force-close',
      events: [connCreated('<c1>'), chCreated('<ch1>', '<c1>'), withClient(connClosed('<c1>'), PIKA), consumerDeleted('<ch1>', 'rmq-internal'), chClosed('<ch1>')],
      order: 'abrupt',
    },
  ])('$case', ({ events, order }) => {
    const [close] = feed(new CloseOrderTracker(), events);
    expect(close!.order).toBe(order);
    if (order === 'forced') expect(close!.evidence).toMatch(/most probably closed it \(management API or rabbitmqctl\)/);
  });

  it('a later connection does not inherit the mark', () => {
    const tracker = new CloseOrderTracker();
    feed(tracker, orderly('rmq-internal', PIKA));
    const [close] = feed(tracker, [connCreated('<c1>'), chCreated('<ch2>', '<c1>'), chClosed('<ch2>'), withClient(connClosed('<c1>'), PIKA)]);
    expect(close!.order).toBe('clean');
  });
});
