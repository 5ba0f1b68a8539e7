import { describe, expect, it } from 'vitest';
import type { Alert, QueueHealth, QueueRates } from '../../../server/contract';
import { rowKeyOf } from '../../../components/live/rows';
import { firingByQueue } from '../../../components/queues/queue-alerts';
import { isBlockedOnAcks, utilisationView } from '../../../components/queues/utilisation';
import { queueHealth } from '../builders';

const alert = (id: string, changes: Partial<Alert> = {}): Alert => ({
  id,
  rule: 'backlog-without-consumers',
  title: 'Backlog without consumers',
  severity: 'warning',
  state: 'firing',
  targetId: 'local',
  object: { kind: 'queue', id: 'q-orders', label: 'orders' },
  since: 1_000,
  firstSeenAt: 1_000,
  firedAt: 1_000,
  resolvedAt: null,
  value: '150 ready, no consumers',
  explanation: '…',
  acknowledgedAt: null,
  silencedUntil: null,
  notifications: 0,
  ...changes,
});

describe('firingByQueue: the queues table marks queues with the alerts firing on them', () => {
  it('keys firing queue alerts like the table rows (target and queue id)', () => {
    const marks = firingByQueue([alert('a')]);
    expect([...marks.keys()]).toEqual([rowKeyOf('local', 'q-orders')]);
    expect(marks.get(rowKeyOf('local', 'q-orders'))!.map((a) => a.id)).toEqual(['a']);
  });

  it('leaves out pending and resolved alerts, and alerts on other kinds of object', () => {
    const marks = firingByQueue([
      alert('pending', { state: 'pending' }),
      alert('resolved', { state: 'resolved' }),
      alert('connection', { object: { kind: 'connection', id: 'q-orders', label: 'orders' } }),
    ]);
    expect(marks.size).toBe(0);
  });

  it('keeps the same queue id on two targets apart', () => {
    const marks = firingByQueue([alert('here'), alert('there', { targetId: 'other' })]);
    expect(marks.get(rowKeyOf('local', 'q-orders'))!.map((a) => a.id)).toEqual(['here']);
    expect(marks.get(rowKeyOf('other', 'q-orders'))!.map((a) => a.id)).toEqual(['there']);
  });

  it('lists the most severe first, then the longest firing', () => {
    const marks = firingByQueue([
      alert('late-warning', { firedAt: 3_000 }),
      alert('info', { severity: 'info', firedAt: 500 }),
      alert('critical', { severity: 'critical', firedAt: 4_000 }),
      alert('early-warning', { firedAt: 2_000 }),
    ]);
    expect(marks.get(rowKeyOf('local', 'q-orders'))!.map((a) => a.id)).toEqual(['critical', 'early-warning', 'late-warning', 'info']);
  });
});

describe('utilisationView: the broker’s consumer utilisation with what it means here', () => {
  const rates = (changes: Partial<QueueRates>): QueueRates => ({ publish: 0, deliver: 0, ack: 0, redeliver: 0, ...changes });
  const queue = (changes: Partial<QueueHealth>) => queueHealth({ consumers: 1, ready: 0, unacked: 0, consumerUtilisation: 1, rates: rates({}), ...changes });

  it('a consumer holding unacked messages and acking nothing reads "blocked on acks", not 100 %', () => {
    const view = utilisationView(queue({ unacked: 40, consumerUtilisation: 1 }));
    expect(view).toMatchObject({ kind: 'blocked-on-acks', text: 'blocked on acks', level: 'warn' });
    expect(view.title).toContain('40 unacked');
    expect(view.title).toContain('100%');
    expect(view.title).toMatch(/not health/);
  });

  it('a consumer that acks shows the figure', () => {
    expect(utilisationView(queue({ unacked: 40, rates: rates({ ack: 12 }) }))).toMatchObject({ kind: 'plain', text: '100%', level: 'neutral' });
  });

  it('no ack rate at all, while deliveries are reported, is a queue never acked (the API leaves ack_details out until the first ack)', () => {
    expect(isBlockedOnAcks(queue({ unacked: 5, rates: rates({ ack: null, deliver: 3 }) }))).toBe(true);
  });

  it('claims nothing when the broker reports no rates at all', () => {
    expect(isBlockedOnAcks(queue({ unacked: 5, rates: rates({ ack: null, deliver: null }) }))).toBe(false);
  });

  it.each([
    ['nothing unacked', { unacked: 0 }],
    ['no consumers', { consumers: 0, unacked: 5 }],
  ])('is not blocked with %s', (_what, changes) => {
    expect(isBlockedOnAcks(queue(changes))).toBe(false);
  });

  it('consumers rarely ready while messages wait are still flagged by their low figure', () => {
    expect(utilisationView(queue({ ready: 500, unacked: 20, consumerUtilisation: 0.04, rates: rates({ ack: 2 }) }))).toMatchObject({ kind: 'underused', text: '4%', level: 'warn' });
  });

  it('sorts blocked queues below every figure, so ascending shows them first', () => {
    const blocked = utilisationView(queue({ unacked: 40 })).sortKey!;
    const low = utilisationView(queue({ ready: 500, consumerUtilisation: 0, rates: rates({ ack: 2 }) })).sortKey!;
    expect(blocked).toBeLessThan(low);
  });
});
