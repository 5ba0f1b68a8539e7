import { describe, expect, it } from 'vitest';
import type { Alert, TargetState } from '../../server/contract';
import { targetHealth } from '../../server/shared/target-health';
import type { LiveView } from '../../server/stream/apply-delta';
import { pageAt, parseTargetFilter, wallModel } from '../../components/wall/wall-model';
import { connectionHealth, probeState, pulseEvent, targetSample, targetState } from './builders';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

function alert(targetId: string, severity: Alert['severity'], overrides: Partial<Alert> = {}): Alert {
  return {
    id: `r|${targetId}|${severity}|${overrides.object?.id ?? 'x'}`,
    rule: 'r',
    title: 'Something',
    severity,
    state: 'firing',
    targetId,
    object: { kind: 'connection', id: 'x', label: 'x' },
    since: NOW - 60_000,
    firstSeenAt: NOW - 90_000,
    firedAt: NOW - 60_000,
    resolvedAt: null,
    value: '',
    explanation: '',
    acknowledgedAt: null,
    silencedUntil: null,
    notifications: 1,
    ...overrides,
  };
}

function view(overrides: Partial<LiveView> = {}): LiveView {
  return {
    seq: 1,
    serverTime: NOW,
    targets: [targetState({ id: 'eu', displayName: 'EU' }), targetState({ id: 'us', displayName: 'US' })],
    series: {},
    probeSeries: {},
    events: [],
    selfHealth: null,
    alerts: [],
    ...overrides,
  };
}

describe('wallModel', () => {
  it("says each target's health in a word, with its reasons: the server's verdict, as the overview shows it", () => {
    const alerts = [
      alert('warn', 'warning'),
      alert('crit', 'critical'),
      alert('crit', 'warning'),
      alert('ok', 'info'), // info never colours the wall
      alert('ok', 'critical', { state: 'resolved' }),
      alert('ok', 'critical', { state: 'pending', firedAt: null }),
    ];
    const probeDown = probeState({
      state: 'down',
      lastError: { cause: 'auth-failure', message: 'ACCESS_REFUSED', at: NOW },
      outages: [{ startedAt: NOW, endedAt: null, durationMs: null, cause: 'auth-failure', message: 'ACCESS_REFUSED' }],
    });
    // As the server derives it for each target (server/shared/target-health.ts).
    const judged = (t: TargetState): TargetState => ({ ...t, health: targetHealth(t, alerts) });
    const v = view({
      targets: [
        targetState({ id: 'ok', displayName: 'Fine' }),
        targetState({ id: 'warn', displayName: 'Warned' }),
        targetState({ id: 'crit', displayName: 'Critical' }),
        targetState({ id: 'down', displayName: 'API down', status: { ...targetState().status, kind: 'refused' } }),
        targetState({ id: 'new', displayName: 'Starting', status: { ...targetState().status, kind: 'starting' } }),
        targetState({ id: 'probe', displayName: 'Probe refused', probe: { ...probeDown, targetId: 'probe' } }),
      ].map(judged),
      alerts,
    });
    const tiles = wallModel(v, NOW, null, 500).tiles.map((t) => [t.id, t.word, t.level, t.reason]);
    expect(tiles).toEqual([
      // An info alert and a pending one are worth knowing, but not on a screen across the room.
      ['ok', 'OK', 'ok', 'all clear'],
      ['warn', 'WARNING', 'warn', '1 warning: Something'],
      ['crit', 'CRITICAL', 'crit', '1 critical alert: Something · 1 warning: Something'],
      ['down', 'CRITICAL', 'crit', 'management API connection refused'],
      ['new', 'STARTING', 'neutral', 'waiting for the first poll'],
      ['probe', 'CRITICAL', 'crit', 'probe down: credentials refused · broker log exchange off: causes inferred'],
    ]);
  });

  it('lists firing alerts critical first, then the longest firing, for the filtered targets only', () => {
    const v = view({
      alerts: [
        alert('eu', 'warning', { object: { kind: 'queue', id: 'old', label: 'old' }, firedAt: NOW - 600_000 }),
        alert('eu', 'critical', { object: { kind: 'queue', id: 'crit', label: 'crit' }, firedAt: NOW - 1000 }),
        alert('eu', 'warning', { object: { kind: 'queue', id: 'new', label: 'new' }, firedAt: NOW - 5000 }),
        alert('us', 'critical', { object: { kind: 'queue', id: 'us', label: 'elsewhere' } }),
      ],
    });
    const m = wallModel(v, NOW, ['eu'], 500);
    expect(m.tiles.map((t) => t.id)).toEqual(['eu']);
    expect(m.alerts.map((a) => a.object)).toEqual(['crit', 'old', 'new']);
  });

  it('finds the lowest heartbeat margin relative to the timeout, ignoring rabbitpulse\'s own connections', () => {
    const v = view({
      targets: [
        targetState({
          id: 'eu',
          displayName: 'EU',
          connections: [
            connectionHealth({ id: 'a', name: 'ten of sixty', heartbeatTimeoutSec: 60, heartbeatMarginSec: 10 }),
            connectionHealth({ id: 'b', name: 'one of seven', heartbeatTimeoutSec: 7, heartbeatMarginSec: 1, silenceSec: 6 }),
            connectionHealth({ id: 'c', name: 'probe', own: true, heartbeatTimeoutSec: 5, heartbeatMarginSec: 0.1 }),
            connectionHealth({ id: 'd', name: 'heartbeats off', heartbeatTimeoutSec: 0, heartbeatMarginSec: null }),
          ],
        }),
        targetState({ id: 'us', displayName: 'US', connections: [connectionHealth({ name: 'thirty of sixty', heartbeatTimeoutSec: 60, heartbeatMarginSec: 30 })] }),
      ],
    });
    const m = wallModel(v, NOW, null, 500);
    expect(m.lowestMargin).toMatchObject({ connection: 'one of seven', marginSec: 1, timeoutSec: 7, targetName: 'EU' });
    expect(m.tiles[1]!.margin).toMatchObject({ connection: 'thirty of sixty' });
  });

  it('counts resets (not orderly closes) in the last hour, and says when the list may not reach back that far', () => {
    const events = [
      pulseEvent('1', { targetId: 'eu', at: NOW - 10_000, cause: 'heartbeat-suspected' }),
      pulseEvent('2', { targetId: 'eu', at: NOW - 20_000, cause: 'clean' }),
      pulseEvent('3', { targetId: 'us', at: NOW - 30_000, kind: 'probe.reset', cause: 'reset-by-broker' }),
      pulseEvent('4', { targetId: 'eu', at: NOW - 40_000, cause: 'abrupt' }),
      pulseEvent('5', { targetId: 'eu', at: NOW - HOUR - 1, cause: 'abrupt' }),
    ];
    const m = wallModel(view({ events }), NOW, null, 500);
    expect(m.resetsLastHour).toBe(3);
    expect(m.tiles.map((t) => t.resetsLastHour)).toEqual([2, 1]);
    expect(m.resetsAtLeast).toBe(false);
    expect(wallModel(view({ events: events.slice(0, 4) }), NOW, null, 4).resetsAtLeast).toBe(true);
  });

  it('draws the last hour of unacked', () => {
    const series = { eu: [targetSample(NOW - HOUR - 5000, { unacked: 99 }), targetSample(NOW - 10_000, { unacked: 4 }), targetSample(NOW, { unacked: 7 })] };
    expect(wallModel(view({ series }), NOW, null, 500).tiles[0]!.unackedSeries).toEqual([4, 7]);
  });
});

describe('wall paging and filter', () => {
  it('rotates pages on the clock and keeps a single page still', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    expect(pageAt(items, 6, 0, 10_000)).toEqual({ items: ['a', 'b', 'c', 'd', 'e', 'f'], page: 0, pages: 2 });
    expect(pageAt(items, 6, 10_000, 10_000)).toEqual({ items: ['g', 'h'], page: 1, pages: 2 });
    expect(pageAt(items, 6, 20_000, 10_000).page).toBe(0);
    expect(pageAt(['a'], 6, 123_456, 10_000)).toEqual({ items: ['a'], page: 0, pages: 1 });
  });

  it('reads ?targets= as a comma-separated list', () => {
    expect(parseTargetFilter(null)).toBeNull();
    expect(parseTargetFilter(' , ')).toBeNull();
    expect(parseTargetFilter('eu, us,')).toEqual(['eu', 'us']);
  });
});
