import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservedClose } from '../../../server/analysis/close-order';
import { BrokerCloseJoiner, type CloseFinding, type TimeoutWarning } from '../../../server/sources/broker-log/close-joiner';
import type { BrokerFinding } from '../../../server/sources/broker-log/finding';

const NODE = 'rabbit@localhost';
const eventPid = (n: number) => `<${NODE}.1796179593.${n}.0>`;

function close(n: number, at = Date.now()): ObservedClose {
  return { at, pid: eventPid(n), name: `127.0.0.1:${40000 + n} -> 127.0.0.1:5672`, providedName: `app-${n}`, client: 'amqplib 2.3.1', createdAt: null, order: 'unknown', evidence: '' };
}

function line(n: number, cause: CloseFinding['cause'], extra: Partial<CloseFinding> = {}): CloseFinding {
  return {
    kind: 'connection-close',
    at: Date.now(),
    node: NODE,
    level: cause === 'clean' ? 'info' : 'error',
    text: `closing AMQP connection <0.${n}.0> (…): ${cause}`,
    pidKey: `${NODE}/${n}.0`,
    brokerName: `127.0.0.1:${40000 + n} -> 127.0.0.1:5672`,
    providedName: `app-${n}`,
    vhost: '/',
    user: 'guest',
    cause,
    timeoutSec: cause === 'missed-heartbeats' ? 5 : null,
    reason: null,
    exception: null,
    ...extra,
  };
}

describe('BrokerCloseJoiner', () => {
  let closes: Array<{ close: ObservedClose; finding: CloseFinding | null }>;
  let refined: Array<{ close: ObservedClose; finding: CloseFinding }>;
  let others: Array<{ finding: BrokerFinding; warning: TimeoutWarning | null }>;
  let joiner: BrokerCloseJoiner;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    closes = [];
    refined = [];
    others = [];
    joiner = new BrokerCloseJoiner({
      waitMs: 250,
      onClose: (c, f) => closes.push({ close: c, finding: f }),
      onRefine: (c, f) => refined.push({ close: c, finding: f }),
      onFinding: (f, warning) => others.push({ finding: f, warning }),
    });
  });
  afterEach(() => {
    joiner.stop();
    vi.useRealTimers();
  });

  it('without the log exchange a close goes out at once, unexplained', () => {
    joiner.onClose(close(886));
    expect(closes).toHaveLength(1);
    expect(closes[0]!.finding).toBeNull();
  });

  it('with the log exchange a close waits for its line and goes out the moment it comes', () => {
    joiner.setLogActive(true);
    joiner.onClose(close(886));
    expect(closes).toHaveLength(0);
    vi.advanceTimersByTime(3);
    joiner.onFinding(line(886, 'missed-heartbeats'));
    expect(closes).toHaveLength(1);
    expect(closes[0]!.finding?.cause).toBe('missed-heartbeats');
    vi.advanceTimersByTime(1000);
    expect(closes).toHaveLength(1);
    expect(joiner.size().pending).toBe(0);
  });

  it('joins by pid, not by arrival: another connection\'s line does not end the wait', () => {
    joiner.setLogActive(true);
    joiner.onClose(close(886));
    joiner.onFinding(line(901, 'missed-heartbeats'));
    expect(closes).toHaveLength(0);
    joiner.onFinding(line(886, 'client-closed-tcp'));
    expect(closes.map((c) => c.finding?.cause)).toEqual(['client-closed-tcp']);
  });

  it('a line that comes before its close is kept and joined when the close arrives', () => {
    joiner.setLogActive(true);
    joiner.onFinding(line(886, 'forced', { reason: 'planned maintenance', exception: 'connection_forced' }));
    joiner.onClose(close(886));
    expect(closes[0]!.finding?.reason).toBe('planned maintenance');
  });

  it('after the bound the close goes out without a line, and a late line refines it', () => {
    joiner.setLogActive(true);
    joiner.onClose(close(886));
    vi.advanceTimersByTime(249);
    expect(closes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(closes).toHaveLength(1);
    expect(closes[0]!.finding).toBeNull();
    vi.advanceTimersByTime(2000);
    joiner.onFinding(line(886, 'missed-heartbeats'));
    expect(refined.map((r) => r.finding.cause)).toEqual(['missed-heartbeats']);
    expect(refined[0]!.close.pid).toBe(eventPid(886));
  });

  it('a second line refines only when it says more (forced after the routine "closing" line)', () => {
    joiner.setLogActive(true);
    joiner.onClose(close(886));
    joiner.onFinding(line(886, 'clean'));
    joiner.onFinding(line(886, 'forced', { reason: 'planned maintenance' }));
    joiner.onFinding(line(886, 'clean'));
    expect(closes.map((c) => c.finding?.cause)).toEqual(['clean']);
    expect(refined.map((r) => r.finding.cause)).toEqual(['forced']);
  });

  it('a line later than the refine window is dropped, not joined to a stranger', () => {
    joiner.setLogActive(true);
    joiner.onClose(close(886));
    vi.advanceTimersByTime(250 + 30_000);
    joiner.onFinding(line(886, 'missed-heartbeats'));
    expect(refined).toHaveLength(0);
    expect(joiner.size().sent).toBe(0);
  });

  it('when the log subscription drops, waiting closes go out at once', () => {
    joiner.setLogActive(true);
    joiner.onClose(close(886));
    joiner.onClose(close(887));
    joiner.setLogActive(false);
    expect(closes).toHaveLength(2);
  });

  it('closes of connections that never opened go out on their own, at once', () => {
    joiner.setLogActive(true);
    joiner.onFinding(line(886, 'handshake-timeout'));
    expect(others.map((o) => o.finding.kind)).toEqual(['connection-close']);
    expect(joiner.size().early).toBe(0);
  });

  const warning = (channelPidKey: string | null, channel = 1): TimeoutWarning => ({
    kind: 'consumer-timeout', at: Date.now(), node: NODE, level: 'warning', text: `Consumer 1 on channel ${channel} has timed out …`, consumerTag: null, channel,
    timeoutMs: 10_000, pidKey: null, channelPidKey, queue: 'jobs', vhost: '/', deliveryTag: 1,
  });
  const ackTimeout = (channelPidKey: string | null, channel = 1): BrokerFinding => ({
    kind: 'channel-error', at: Date.now(), node: NODE, level: 'error', text: `… delivery acknowledgement on channel ${channel} timed out …`, pidKey: `${NODE}/1017.0`,
    channelPidKey, brokerName: '127.0.0.1:51952 -> 127.0.0.1:5672', vhost: '/', user: 'guest', channel, operation: 'none', exception: 'precondition_failed',
    errorKind: 'ack-timeout', reason: `delivery acknowledgement on channel ${channel} timed out. Timeout value used: 10000 ms`, timeoutMs: 10_000,
  });

  it("the consumer-timeout warning (which names the queue) goes with the channel error that follows from the same channel process", () => {
    joiner.onFinding(warning(`${NODE}/1026.0`));
    joiner.onFinding(warning(`${NODE}/2000.0`));
    expect(others).toHaveLength(0);
    const error = ackTimeout(`${NODE}/1026.0`);
    joiner.onFinding(error);
    expect(others).toEqual([{ finding: error, warning: warning(`${NODE}/1026.0`) }]);
    vi.advanceTimersByTime(5000);
    // The other channel's warning found no error: passed on alone.
    expect(others.map((o) => [o.finding.kind, o.warning])).toEqual([['channel-error', expect.anything()], ['consumer-timeout', null]]);
  });

  it('an unmatched consumer-timeout warning is still passed on, after a short wait', () => {
    joiner.onFinding(warning(null, 3));
    vi.advanceTimersByTime(1999);
    expect(others).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(others.map((o) => o.finding.kind)).toEqual(['consumer-timeout']);
  });

  it('lines that never meet their close are forgotten after a few seconds', () => {
    joiner.setLogActive(true);
    joiner.onFinding(line(886, 'client-closed-tcp'));
    expect(joiner.size().early).toBe(1);
    vi.advanceTimersByTime(5_000);
    joiner.onClose(close(999));
    expect(joiner.size().early).toBe(0);
  });

  it("keeps the broker's routine to itself: info lines and alarms (the event exchange has those) never leave the worker", () => {
    const base = { at: Date.now(), node: NODE, text: 'accepting AMQP connection <0.1.0> (127.0.0.1:1 -> 127.0.0.1:5672)' };
    joiner.onFinding({ ...base, kind: 'notice', level: 'info' });
    joiner.onFinding({ ...base, kind: 'alarm', level: 'warning', resource: 'memory', set: true });
    expect(others).toEqual([]);
    joiner.onFinding({ ...base, kind: 'notice', level: 'warning', text: 'Queue q is full' });
    expect(others.map((o) => o.finding.text)).toEqual(['Queue q is full']);
  });
});
