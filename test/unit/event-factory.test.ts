import { describe, expect, it } from 'vitest';
import type { CloseCause } from '../../server/contract';
import { brokerNoticeEvent, observedCloseEvent, probeFailureEvent } from '../../server/state/event-factory';
import { CONN_NAME, connectionHealth, observedClose } from './builders';

const B = { id: 'run-1', targetId: 'local' };
const LAST_SEEN = 1_010_000;

describe('observedCloseEvent with a polled connection', () => {
  // connectionHealth: "peek-me", amqplib 2.3.1, 7 s heartbeat, 3 unacked; the close comes `after` ms after the last poll.
  it.each([
    { order: 'abrupt', silence: 10, after: 5000, cause: 'heartbeat-suspected', certainty: 'likely', says: /Fix: move long work off the I\/O thread/ },
    { order: 'abrupt', silence: 4, after: 5000, cause: 'heartbeat-suspected', certainty: 'likely', says: /missed heartbeats/ }, // 4 + 5 ≥ 7 by the close
    // Quiet at the poll, but the counter may trail by 10 s: 0 + 5 + 10 ≥ 2 × 7.
    { order: 'abrupt', silence: 0, after: 5000, cause: 'heartbeat-suspected', certainty: 'possible', says: /looks the same as one that died/ },
    { order: 'abrupt', silence: 0, after: 1000, cause: 'abrupt', certainty: 'likely', says: /without a close handshake/ },
    { order: 'clean', silence: 10, after: 5000, cause: 'clean', certainty: 'likely', says: /orderly/ },
    { order: 'clean', silence: 0, after: 5000, cause: 'clean', certainty: 'likely', says: /orderly/ },
    { order: 'unknown', silence: 10, after: 5000, cause: 'heartbeat-suspected', certainty: 'likely', says: /Fix:/ },
    { order: 'unknown', silence: 0, after: 5000, cause: 'unknown', certainty: 'unknown', says: /gives no reason/ },
  ] as const)('$order after $silence s silence, closed $after ms after the poll → $cause/$certainty', ({ order, silence, after, cause, certainty, says }) => {
    const close = observedClose({ order, at: LAST_SEEN + after });
    const e = observedCloseEvent(B, close, connectionHealth({ silenceSec: silence }), LAST_SEEN);
    expect(e).toMatchObject({ ...B, at: LAST_SEEN + after, kind: 'connection.closed', connection: 'peek-me', cause, certainty, source: 'event-exchange' });
    expect(e.explanation).toMatch(says);
    expect(e.explanation).toContain('"peek-me"');
    expect(e.explanation).toContain('amqplib 2.3.1');
    expect(e.explanation).toContain('3 unacknowledged messages');
    expect(e.explanation).toContain(close.evidence);
  });

  it('carries what the connection looked like at the last poll', () => {
    const e = observedCloseEvent(B, observedClose(), connectionHealth({ silenceSec: 10, unacked: 1, channelCount: 2 }), LAST_SEEN);
    expect(e.lastKnown).toEqual({
      id: CONN_NAME,
      brokerName: CONN_NAME,
      name: 'peek-me',
      client: 'amqplib 2.3.1',
      user: 'guest',
      vhost: '/',
      heartbeatTimeoutSec: 7,
      silenceSec: 10,
      unacked: 1,
      channelCount: 2,
      lastSeenAt: LAST_SEEN,
    });
    expect(e.explanation).toContain('1 unacknowledged message;');
  });

  it('names the heartbeat timeout and the projected silence for a heartbeat close', () => {
    const e = observedCloseEvent(B, observedClose({ at: LAST_SEEN + 5000 }), connectionHealth({ silenceSec: 10 }), LAST_SEEN);
    expect(e.explanation).toContain('7 s heartbeat timeout');
    expect(e.explanation).toContain('about 10 s at the last poll, 5 s before it vanished');
  });

  it('a close with no unacked messages does not mention redelivery', () => {
    const e = observedCloseEvent(B, observedClose(), connectionHealth({ unacked: 0 }), LAST_SEEN);
    expect(e.explanation).not.toMatch(/unacknowledged|redeliver/);
  });
});

describe('observedCloseEvent with a connection no poll saw', () => {
  it.each([
    { order: 'abrupt', cause: 'abrupt', certainty: 'likely', how: 'was dropped without a close handshake' },
    { order: 'clean', cause: 'clean', certainty: 'likely', how: 'closed in an orderly way' },
    { order: 'unknown', cause: 'unknown', certainty: 'unknown', how: 'closed before' },
  ] as const)('$order → $cause/$certainty, explained as churn', ({ order, cause, certainty, how }) => {
    const close = observedClose({ order, providedName: 'per-request', client: 'pika 1.3.2' });
    const e = observedCloseEvent(B, close, null, null);
    expect(e).toMatchObject({ ...B, at: close.at, kind: 'connection.closed', connection: 'per-request', cause, certainty, source: 'event-exchange', lastKnown: null });
    expect(e.explanation).toContain('"per-request" (pika 1.3.2)');
    expect(e.explanation).toContain(how);
    expect(e.explanation).toContain(close.evidence);
    expect(e.explanation).toMatch(/churn/);
  });

  it('falls back to the broker name and "unknown client"', () => {
    const e = observedCloseEvent(B, observedClose({ providedName: null, client: null }), null, null);
    expect(e.connection).toBe(CONN_NAME);
    expect(e.explanation).toContain(`"${CONN_NAME}" (unknown client)`);
  });

  it('a known connection without a last poll time is treated as unpolled', () => {
    const e = observedCloseEvent(B, observedClose(), connectionHealth(), null);
    expect(e.lastKnown).toBeNull();
    expect(e.explanation).toMatch(/churn/);
  });
});

describe('probeFailureEvent', () => {
  it.each<{ cause: CloseCause; code?: number; kind: string }>([
    { cause: 'channel-error', code: 406, kind: 'probe.channel-error' },
    { cause: 'forced', code: 320, kind: 'probe.reset' },
    { cause: 'reset-by-broker', kind: 'probe.reset' },
    { cause: 'client-heartbeat-timeout', kind: 'probe.reset' },
    { cause: 'refused', kind: 'probe.reset' },
  ])('$cause → $kind', ({ cause, code, kind }) => {
    const f = { cause, detail: 'what amqplib said', at: 1_020_000, ...(code !== undefined ? { code } : {}) };
    const e = probeFailureEvent(B, 'localhost', 'rabbitpulse-probe/local', f);
    expect(e).toMatchObject({ ...B, at: 1_020_000, kind, connection: 'rabbitpulse-probe/local', cause, certainty: 'certain', source: 'probe', lastKnown: null, detail: 'what amqplib said' });
    expect(e.explanation).toContain('localhost');
    if (code === undefined) expect('code' in e).toBe(false);
    else expect(e.code).toBe(code);
  });
});

describe('brokerNoticeEvent', () => {
  it('an authentication failure names the user, peer and error', () => {
    const e = brokerNoticeEvent(B, { kind: 'auth.failure', at: 1_030_000, user: 'bob', peer: '10.0.0.5', error: "user 'bob' - invalid credentials" });
    expect(e).toMatchObject({ ...B, at: 1_030_000, kind: 'auth.failure', connection: '10.0.0.5', cause: 'auth-failure', certainty: 'certain', source: 'event-exchange', detail: "user 'bob' - invalid credentials" });
    expect(e.explanation).toContain('"bob"');
    expect(e.explanation).toContain('at 10.0.0.5');
  });

  it('an authentication failure without peer or error', () => {
    const e = brokerNoticeEvent(B, { kind: 'auth.failure', at: 1, user: 'bob', peer: null, error: null });
    expect(e.connection).toBeNull();
    expect('detail' in e).toBe(false);
    expect(e.explanation).not.toContain('undefined');
    expect(e.explanation).not.toContain('null');
  });

  it.each([
    { set: true, resource: 'memory', says: /memory alarm went off on rabbit@localhost.*blocks every publishing connection/, detail: 'set: memory' },
    { set: true, resource: 'disk', says: /disk alarm went off/, detail: 'set: disk' },
    { set: false, resource: 'memory', says: /memory alarm cleared on rabbit@localhost.*unblocked/, detail: 'cleared: memory' },
    { set: true, resource: null, says: /resource alarm went off/, detail: 'set: resource' },
  ])('alarm set=$set $resource', ({ set, resource, says, detail }) => {
    const e = brokerNoticeEvent(B, { kind: 'alarm', at: 1_040_000, set, node: 'rabbit@localhost', resource });
    expect(e).toMatchObject({ ...B, at: 1_040_000, kind: 'alarm', connection: null, cause: 'alarm', certainty: 'certain', source: 'event-exchange', detail });
    expect(e.explanation).toMatch(says);
  });
});
