import { describe, expect, it } from 'vitest';
import { explainClose } from '../../server/analysis/explain';
import { closedConnection } from './builders';

describe('explainClose: heartbeat-suspected', () => {
  const text = explainClose(closedConnection({ projectedSilenceSec: 12.4 }, { name: 'peek-me', client: 'amqplib 2.3.1', user: 'guest', vhost: '/', heartbeatTimeoutSec: 7, unacked: 3 }));

  it.each([
    ['the connection', '"peek-me"'],
    ['the client', 'amqplib 2.3.1'],
    ['the user and vhost', 'user guest, vhost /'],
    ['the timeout', '7 s heartbeat timeout'],
    ['the silence', 'sent nothing for about 10 s at the last poll, 2 s before it vanished'],
    ['the unacked count', '3 unacknowledged messages'],
    ['redelivery', 'redeliver'],
    ['the cause', "blocks the client's I/O loop"],
    ['the fix', 'move long work off the I/O thread'],
    ['the anti-fix', 'do not just raise or disable heartbeats'],
  ])('names %s', (_what, fragment) => {
    expect(text).toContain(fragment);
  });

  it('uses the singular for one unacked message and omits the sentence for none', () => {
    expect(explainClose(closedConnection({}, { unacked: 1 }))).toContain('1 unacknowledged message;');
    const none = explainClose(closedConnection({}, { unacked: 0 }));
    expect(none).not.toContain('unacknowledged');
    expect(none).not.toContain('redeliver');
  });

  it('is one paragraph without line breaks', () => {
    expect(text).not.toMatch(/\n/);
  });
});

describe('explainClose: unknown cause', () => {
  const unknown = (timeout: number | null, silence: number | null) =>
    explainClose(closedConnection({ cause: 'unknown', certainty: 'unknown', projectedSilenceSec: silence }, { heartbeatTimeoutSec: timeout, silenceSec: silence, unacked: 2 }));

  it('names the connection and says no reason is given, without blaming heartbeats', () => {
    const text = unknown(30, 4);
    expect(text).toContain('"peek-me"');
    expect(text).toContain('amqplib 2.3.1');
    expect(text).toContain('30 s heartbeat timeout');
    expect(text).toContain('2 unacknowledged messages');
    expect(text).toContain('gives no reason');
    expect(text).not.toMatch(/likely cause/i);
    expect(text).not.toContain("I/O loop");
    expect(text).not.toMatch(/Fix:/);
  });

  it.each([
    [0, 'heartbeats disabled'],
    [null, 'an unknown heartbeat timeout'],
  ])('timeout %j reads "%s"', (timeout, words) => {
    expect(unknown(timeout, 4)).toContain(words);
  });

  it('omits the silence sentence when silence is unknown', () => {
    expect(unknown(30, null)).not.toContain('sent nothing');
  });

  // With heartbeats off, or silence unknown, "not silent long enough" is a claim
  // the evidence does not support: the connection may have been silent for minutes.
  it.each([
    ['heartbeats disabled, silent 300 s', 0, 300],
    ['silence unknown', 30, null],
  ])('does not claim "not silent long enough" when %s', (_case, timeout, silence) => {
    expect(unknown(timeout, silence)).not.toContain('not silent long enough');
  });
});

describe('explainClose: a possible heartbeat close', () => {
  const text = explainClose(
    closedConnection({ certainty: 'possible', projectedSilenceSec: 5 }, { heartbeatTimeoutSec: 5, silenceSec: 4, unacked: 1 }),
  );

  it('says why it cannot tell a blocked client from a dead one, and gives both remedies', () => {
    expect(text).toContain('dropped without a close handshake, with a 5 s heartbeat timeout');
    expect(text).toContain('Possible cause: missed heartbeats');
    expect(text).toContain('up to 10 s late');
    expect(text).toContain('looks the same as one that died or lost its network');
    expect(text).toContain("blocks the client's I/O loop");
    expect(text).toContain('do not just raise or disable heartbeats');
    expect(text).toContain('check its logs and restarts');
    expect(text).not.toContain('Likely cause');
  });
});

describe('explainClose: silence wording', () => {
  it.each([
    // [silence at last poll, projected, expected fragment]
    [12, 12, 'It had sent nothing for about 12 s.'],
    [0, 5, 'It was still sending at the last poll, 5 s before it vanished.'],
    [4, 9, 'about 4 s at the last poll, 5 s before it vanished.'],
  ] as const)('silence %s s, projected %s s', async (last, projected, fragment) => {
    const { explainClose } = await import('../../server/analysis/explain');
    const { connectionHealth } = await import('./builders');
    const { lastKnownOf } = await import('../../server/analysis/closures');
    const text = explainClose({ lastKnown: lastKnownOf(connectionHealth({ silenceSec: last, heartbeatTimeoutSec: 30 }), 0), cause: 'unknown', certainty: 'unknown', projectedSilenceSec: projected });
    expect(text).toContain(fragment);
  });
});
