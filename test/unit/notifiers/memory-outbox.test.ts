import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../server/alerts/types';
import { MemoryOutbox } from '../../support/memory-outbox';
import { notification } from './fixtures';

const item = (id: string, over: Partial<OutboxItem> = {}): OutboxItem => ({
  id,
  notifierId: 'n1',
  notification: notification(),
  state: 'pending',
  attempts: 0,
  createdAt: 1000,
  nextAttemptAt: 1000,
  lastAttemptAt: null,
  deliveredAt: null,
  lastError: null,
  giveUpAt: 100_000,
  ...over,
});

describe('MemoryOutbox', () => {
  it('returns due pending items, longest waiting first, up to the limit', async () => {
    const store = new MemoryOutbox();
    await store.enqueue([
      item('late', { nextAttemptAt: 3000 }),
      item('early', { nextAttemptAt: 1500 }),
      item('future', { nextAttemptAt: 9000 }),
      item('done', { state: 'delivered' }),
    ]);
    expect((await store.due(5000, 10)).map((i) => i.id)).toEqual(['early', 'late']);
    expect((await store.due(5000, 1)).map((i) => i.id)).toEqual(['early']);
  });

  it('keeps the first copy when an id is enqueued again', async () => {
    const store = new MemoryOutbox();
    await store.enqueue([item('a')]);
    await store.update(item('a', { state: 'delivered' }));
    await store.enqueue([item('a')]);
    expect((await store.recent(10))[0]!.state).toBe('delivered');
  });

  it('hands out copies, like a database would', async () => {
    const store = new MemoryOutbox();
    const original = item('a');
    await store.enqueue([original]);
    original.state = 'failed';
    const [got] = await store.due(5000, 10);
    got!.attempts = 99;
    expect((await store.recent(1))[0]).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('lists recent items newest first', async () => {
    const store = new MemoryOutbox();
    await store.enqueue([item('old', { createdAt: 1 }), item('new', { createdAt: 3 }), item('mid', { createdAt: 2 })]);
    expect((await store.recent(2)).map((i) => i.id)).toEqual(['new', 'mid']);
  });
});
