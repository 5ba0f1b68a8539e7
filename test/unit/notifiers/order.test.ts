import { describe, expect, it } from 'vitest';
import type { Notification, OutboxItem } from '../../../server/alerts/types';
import { DeliveryOrder } from '../../../server/alerts/delivery/order';
import { notification, resolved, test } from './fixtures';

const item = (n: Notification, notifierId = 'n1', createdAt = 1000): OutboxItem => ({
  id: `${n.key}|${notifierId}`,
  notifierId,
  notification: n,
  state: 'pending',
  attempts: 0,
  createdAt,
  nextAttemptAt: createdAt,
  lastAttemptAt: null,
  deliveredAt: null,
  lastError: null,
  giveUpAt: createdAt + 60_000,
});

describe('DeliveryOrder', () => {
  const firing = item(notification());
  const resolve = item(resolved());

  it('holds a newer item of the same notifier and alert while an older one is pending', () => {
    const order = new DeliveryOrder();
    order.remember(firing);
    order.remember(resolve);
    expect(order.waitsBehindOlder(resolve)).toBe(true);
    expect(order.waitsBehindOlder(firing)).toBe(false);
    order.forget(firing.id);
    expect(order.waitsBehindOlder(resolve)).toBe(false);
  });

  it('does not hold items of another notifier, another alert, or tests', () => {
    const order = new DeliveryOrder();
    order.remember(firing);
    expect(order.waitsBehindOlder(item(resolved(), 'n2'))).toBe(false);
    expect(order.waitsBehindOlder(item(resolved({}), 'n1'))).toBe(true);
    expect(order.waitsBehindOlder(item(notification({ key: 'other|firing|1', createdAt: 2e12 }, { id: 'other-alert' })))).toBe(false);
    order.remember(item(test({ createdAt: 1 })));
    expect(order.waitsBehindOlder(item(test({ key: 'test|2', createdAt: 2 })))).toBe(false);
  });

  it('breaks ties in notification time by queue time', () => {
    const order = new DeliveryOrder();
    const first = item(notification({ key: 'a' }), 'n1', 1000);
    const second = item(notification({ key: 'b', kind: 'reminder' }), 'n1', 2000);
    order.remember(second);
    order.remember(first);
    expect(order.waitsBehindOlder(second)).toBe(true);
    expect(order.waitsBehindOlder(first)).toBe(false);
  });
});
