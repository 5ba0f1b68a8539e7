import { describe, expect, it } from 'vitest';
import { Hub } from '../../server/state/hub';

describe('hub delivers deltas in sequence order', () => {
  it('a delta published from inside a listener reaches every listener after the one being handled', () => {
    const hub = new Hub([], 10);
    let republished = false;
    // Registered first, like alerting: reacts to a delta by publishing another.
    hub.onDelta(() => {
      if (!republished) {
        republished = true;
        hub.publishAlertChanges({ alerts: [] });
      }
    });
    const seen: number[] = [];
    hub.onDelta((d) => seen.push(d.seq)); // registered second, like the socket server
    hub.publishAlertChanges({ alerts: [] });
    expect(seen).toEqual([1, 2]);
  });
});
