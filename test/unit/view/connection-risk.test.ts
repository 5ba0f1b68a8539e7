import { describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '../../../server/contract';
import { connectionRisk } from '../../../components/health/connection-risk';
import { prefetchSummary } from '../../../components/health/prefetch';
import { sortRows } from '../../../components/tables/sort';
import { channelHealth, connectionHealth, consumerHealth } from '../builders';

/** A manual-ack consumer with prefetch 0 on a channel without a global limit: unlimited. */
const unboundedChannel = (unacked: number) => channelHealth({ prefetch: 0, unacked, consumers: [consumerHealth({ prefetch: 0 })] });
const healthy = (changes: Partial<ConnectionHealth> = {}) => connectionHealth({ silenceSec: 1, heartbeatTimeoutSec: 60, heartbeatMarginSec: 59, channels: [channelHealth()], ...changes });

describe("prefetchSummary: rabbitpulse's own probe", () => {
  it('is unlimited on purpose: shown as it is, not flagged', () => {
    const probe = connectionHealth({ own: true, channels: [unboundedChannel(0)] });
    expect(prefetchSummary(probe)).toMatchObject({ text: '0 (unlimited)', level: 'neutral' });
    expect(prefetchSummary(probe).detail).toMatch(/own probe: prefetch 0 on purpose/);
  });

  it("the same channels on an application's connection are critical", () => {
    expect(prefetchSummary(connectionHealth({ own: false, channels: [unboundedChannel(0)] })).level).toBe('crit');
  });
});

describe('connectionRisk', () => {
  it('a healthy connection is ok, with no reasons', () => {
    expect(connectionRisk(healthy())).toMatchObject({ level: 'ok', reasons: [] });
  });

  it('names every reason, worst first', () => {
    const risk = connectionRisk(healthy({ sendPend: 34 * 1024, unacked: 434, channels: [unboundedChannel(434)] }));
    expect(risk.level).toBe('crit');
    expect(risk.reasons.map((r) => [r.level, r.short])).toEqual([
      ['crit', 'prefetch 0'],
      ['warn', 'send pend'],
    ]);
    expect(risk.reasons[0]!.detail).toContain('434 unacked');
    expect(risk.reasons[1]!.detail).toContain('34 KiB');
  });

  it.each([
    ['a missed beat', { silenceSec: 70, heartbeatMarginSec: -10 }, 'warn', 'heartbeat'],
    ['silent past 1.5 timeouts', { silenceSec: 95, heartbeatMarginSec: -35 }, 'crit', 'heartbeat'],
    ['flow', { state: 'flow' as const }, 'warn', 'flow'],
    ['blocked', { state: 'blocked' as const }, 'crit', 'blocked'],
  ])('%s', (_what, changes, level, short) => {
    const risk = connectionRisk(healthy(changes));
    expect(risk.level).toBe(level);
    expect(risk.reasons.map((r) => r.short)).toEqual([short]);
  });

  it("does not judge rabbitpulse's own connections, whatever they show", () => {
    expect(connectionRisk(healthy({ own: true, sendPend: 100, channels: [unboundedChannel(10)] }))).toMatchObject({ level: 'neutral', reasons: [] });
  });
});

describe("the connections table's default order (risk, most first; own last)", () => {
  type Row = { name: string; item: ConnectionHealth };
  const row = (name: string, item: ConnectionHealth): Row => ({ name, item });
  const order = (rows: Row[]) => sortRows(rows, (r) => connectionRisk(r.item).rank, 'desc', (r) => r.item.own).map((r) => r.name);

  // What issue 15 saw: the probe (short heartbeat, prefetch 0) listed above a slow consumer with 34 KiB pending and 434 unacked.
  const probe = row('rabbitpulse-probe', connectionHealth({ own: true, heartbeatTimeoutSec: 5, silenceSec: 4, heartbeatMarginSec: 1, channels: [unboundedChannel(0)] }));
  const events = row('rabbitpulse-events', connectionHealth({ own: true, heartbeatTimeoutSec: 5, silenceSec: 3, heartbeatMarginSec: 2 }));
  const slow = row('slow-consumer', healthy({ sendPend: 34 * 1024, unacked: 434, channels: [unboundedChannel(434)] }));
  const backedUp = row('backed-up', healthy({ sendPend: 2048 }));
  const idleShort = row('idle-short-timeout', healthy({ heartbeatTimeoutSec: 10, silenceSec: 8, heartbeatMarginSec: 2 }));
  const idleLong = row('idle-long-timeout', healthy({ heartbeatTimeoutSec: 60, silenceSec: 10, heartbeatMarginSec: 50 }));
  const noHeartbeat = row('heartbeats-off', healthy({ heartbeatTimeoutSec: 0, heartbeatMarginSec: null }));

  it('puts at-risk applications first, healthy ones by heartbeat margin, and own connections last', () => {
    expect(order([probe, events, noHeartbeat, idleLong, idleShort, backedUp, slow])).toEqual([
      'slow-consumer',
      'backed-up',
      'idle-short-timeout',
      'idle-long-timeout',
      'heartbeats-off',
      'rabbitpulse-probe',
      'rabbitpulse-events',
    ]);
  });

  it('keeps own connections last when sorted the other way too', () => {
    const reversed = sortRows([probe, slow, idleLong], (r) => connectionRisk(r.item).rank, 'asc', (r) => r.item.own).map((r) => r.name);
    expect(reversed).toEqual(['idle-long-timeout', 'slow-consumer', 'rabbitpulse-probe']);
  });
});
