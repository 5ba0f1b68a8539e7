import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delta } from '../../server/contract';
import { Alerting } from '../../server/alerts/alerting';
import { loadConfig } from '../../server/config/load';
import type { History } from '../../server/persistence/types';
import { Hub } from '../../server/state/hub';
import { createLogger } from '../../server/log';
import { hubWithOneTarget } from './hub-harness';
import { rawChannel, rawConnection, rawConsumer, rawPoll } from './builders';

const T0 = 1_795_000_000_000;

const discard = new Writable({ write: (_chunk, _enc, done) => done() });

/** A history that keeps nothing: alerting's reads find it empty and its writes vanish. */
const emptyHistory = new Proxy({} as History, { get: () => async () => [] });

describe('hub delivers deltas in sequence order', () => {
  it('refuses a publish from inside a listener, which would reach later listeners out of order', () => {
    const hub = new Hub([], 10);
    const errors: unknown[] = [];
    hub.onDelta(() => {
      try {
        hub.publishAlertChanges({ alerts: [] });
      } catch (err) {
        errors.push(err);
      }
    });
    const seen: number[] = [];
    hub.onDelta((d) => seen.push(d.seq));
    hub.publishAlertChanges({ alerts: [] });
    expect(seen).toEqual([1]);
    expect(String(errors[0])).toMatch(/published from inside a listener/);
  });

  describe('with alerting subscribed first, as the server wires it', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
    });
    afterEach(() => vi.useRealTimers());

    it('a listener after alerting sees every delta once, in sequence, while alerts fire', async () => {
      const { hub, poll } = hubWithOneTarget();
      const config = loadConfig([], { RABBITPULSE_AUTH: 'none' });
      const alerting = new Alerting({ ...config, targets: [{ ...config.targets[0]!, id: 'local' }] }, hub, emptyHistory, createLogger(discard, discard));
      await alerting.start([]);
      const seen: Delta[] = [];
      hub.onDelta((d) => seen.push(d));
      // Manual ack, prefetch 0, unacked growing: unbounded-prefetch and friends go pending, then fire.
      for (let i = 0; i < 12; i++) {
        vi.setSystemTime(T0 + i * 5000);
        poll(rawPoll(T0 + i * 5000, { connections: [rawConnection()], channels: [rawChannel({ prefetch: 0, unacked: 100 + 50 * i })], consumers: [rawConsumer({ prefetch: 0, ackRequired: true })] }));
        await new Promise((resolve) => setImmediate(resolve)); // alerting evaluates in the next turn
      }
      await alerting.stop();
      expect(seen.some((d) => (d.alerts?.length ?? 0) > 0)).toBe(true);
      expect(seen.map((d) => d.seq)).toEqual(seen.map((_, i) => seen[0]!.seq + i));
    });
  });
});
