import { describe, expect, it } from 'vitest';
import { UnrecordedAttempts } from '../../../server/alerts/delivery/unrecorded';
import type { OutboxItem } from '../../../server/alerts/types';
import { notification } from './fixtures';

const NOW = 1_000_000;

function item(over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: 'n|hook', notifierId: 'hook', notification: notification(), state: 'pending', attempts: 0, createdAt: NOW - 10_000,
    nextAttemptAt: NOW - 10_000, lastAttemptAt: null, deliveredAt: null, lastError: null, giveUpAt: NOW + 3_600_000, ...over,
  };
}

/** The store's stale row: pending, due since it was queued, no attempt recorded. */
const STALE = item();

describe('UnrecordedAttempts.reconcile: what to make of a due row the store could not update', () => {
  it.each<[string, OutboxItem | null, 'row' | 'mine' | null]>([
    ['nothing remembered: the row', null, 'row'],
    ['delivered, unrecorded: never again', item({ state: 'delivered', attempts: 1, deliveredAt: NOW - 5000 }), null],
    ['failed, unrecorded: never again', item({ state: 'failed', attempts: 1, lastError: 'HTTP 404' }), null],
    ['pending, retry later: wait', item({ attempts: 2, nextAttemptAt: NOW + 1 }), null],
    ['pending, retry due: the remembered item, with its attempt count', item({ attempts: 2, nextAttemptAt: NOW }), 'mine'],
  ])('%s', (_label, remembered, expected) => {
    const unrecorded = new UnrecordedAttempts();
    if (remembered) unrecorded.remember(remembered);
    const out = unrecorded.reconcile(STALE, NOW);
    expect(out).toBe(expected === 'row' ? STALE : expected === 'mine' ? remembered : null);
  });

  it('lets the store win when its row has more attempts (someone else wrote it since)', () => {
    const unrecorded = new UnrecordedAttempts();
    unrecorded.remember(item({ state: 'delivered', attempts: 1 }));
    const newer = item({ attempts: 3 });
    expect(unrecorded.reconcile(newer, NOW)).toBe(newer);
  });
});

describe('UnrecordedAttempts bookkeeping', () => {
  it('forgets an item once recorded, unless a later attempt was remembered meanwhile', () => {
    const unrecorded = new UnrecordedAttempts();
    const first = item({ attempts: 1, nextAttemptAt: NOW + 1000 });
    const second = item({ attempts: 2, nextAttemptAt: NOW + 5000 });
    unrecorded.remember(first);
    unrecorded.remember(second);
    unrecorded.recorded(first); // a late success of the older write
    expect(unrecorded.list()).toEqual([second]);
    unrecorded.recorded(second);
    expect(unrecorded.size).toBe(0);
  });

  it('keeps the later attempt when an older write fails late', () => {
    const unrecorded = new UnrecordedAttempts();
    const second = item({ attempts: 2 });
    unrecorded.remember(second);
    unrecorded.remember(item({ attempts: 1 }));
    expect(unrecorded.list()).toEqual([second]);
  });
});
