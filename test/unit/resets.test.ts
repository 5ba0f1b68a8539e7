import { describe, expect, it } from 'vitest';
import type { CloseCause } from '../../server/contract';
import { classifyProbeError, explainProbeFailure, type ProbeFailure } from '../../server/analysis/resets';

/** An Error shaped like the ones amqplib and Node's net module raise. */
function amqpError(message: string, code?: number | string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

const SHUTDOWN =
  'Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - broker forced connection closure with reason \'shutdown\'"';
const FORCED = 'Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - planned maintenance"';
const ACCESS_REFUSED =
  'Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile."';
const TOO_LARGE =
  'Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - message size 2097152 is larger than configured max size 1048576"';

describe('classifyProbeError', () => {
  it.each([
    { case: 'heartbeat timeout', err: new Error('Heartbeat timeout'), phase: 'connected', cause: 'client-heartbeat-timeout', code: undefined },
    { case: 'ECONNRESET once connected', err: amqpError('read ECONNRESET', 'ECONNRESET'), phase: 'connected', cause: 'reset-by-broker', code: undefined },
    { case: 'ECONNRESET during connect', err: amqpError('read ECONNRESET', 'ECONNRESET'), phase: 'connect', cause: 'unreachable', code: undefined },
    { case: 'ECONNREFUSED', err: amqpError('connect ECONNREFUSED 127.0.0.1:5673', 'ECONNREFUSED'), phase: 'connect', cause: 'refused', code: undefined },
    { case: 'ENOTFOUND', err: amqpError('getaddrinfo ENOTFOUND rabbit.invalid', 'ENOTFOUND'), phase: 'connect', cause: 'unreachable', code: undefined },
    { case: 'EHOSTUNREACH', err: amqpError('connect EHOSTUNREACH 10.9.9.9:5672', 'EHOSTUNREACH'), phase: 'connect', cause: 'unreachable', code: undefined },
    { case: 'ETIMEDOUT', err: amqpError('connect ETIMEDOUT 10.9.9.9:5672', 'ETIMEDOUT'), phase: 'connect', cause: 'unreachable', code: undefined },
    { case: '320 forced', err: amqpError(FORCED, 320), phase: 'connected', cause: 'forced', code: 320 },
    { case: '320 at a broker shutdown', err: amqpError(SHUTDOWN, 320), phase: 'connected', cause: 'shutdown', code: 320 },
    { case: '403 refused login', err: amqpError(ACCESS_REFUSED), phase: 'connect', cause: 'auth-failure', code: 403 },
    { case: '406 on a channel', err: amqpError(TOO_LARGE, 406), phase: 'channel', cause: 'channel-error', code: 406 },
    { case: 'something else', err: new Error('Frobnication failed'), phase: 'connected', cause: 'unknown', code: undefined },
    { case: 'not an Error at all', err: 'boom', phase: 'connected', cause: 'unknown', code: undefined },
  ] as const)('$case → $cause', ({ err, phase, cause, code }) => {
    const f = classifyProbeError(err, phase);
    expect(f.cause).toBe(cause);
    expect(f.code).toBe(code);
  });

  it('keeps the broker text of a forced close as detail', () => {
    expect(classifyProbeError(amqpError(FORCED, 320), 'connected')).toEqual({ cause: 'forced', code: 320, detail: FORCED });
  });

  it('keeps the broker text of a 406 as detail', () => {
    expect(classifyProbeError(amqpError(TOO_LARGE, 406), 'channel').detail).toBe(TOO_LARGE);
  });

  it('keeps only the first line of the detail', () => {
    const err = amqpError('read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)', 'ECONNRESET');
    expect(classifyProbeError(err, 'connected').detail).toBe('read ECONNRESET');
  });

  it('cuts the detail at 500 characters', () => {
    const f = classifyProbeError(new Error('x'.repeat(2000)), 'connected');
    expect(f.detail).toHaveLength(500);
  });

  it('a connection-level close (541 INTERNAL-ERROR) once connected is not a channel error', () => {
    // amqplib raises this when the broker closes the whole connection; calling it a channel error
    // yields a 'probe.channel-error' event whose explanation says "The connection survives".
    const err = amqpError('Connection closed: 541 (INTERNAL-ERROR) with message "INTERNAL_ERROR"', 541);
    const f = classifyProbeError(err, 'connected');
    expect(f.cause).not.toBe('channel-error');
    expect(f.code).toBe(541);
  });
});

describe('explainProbeFailure', () => {
  const target = 'prod-eu';
  it.each<{ cause: CloseCause; advice: RegExp }>([
    { cause: 'client-heartbeat-timeout', advice: /stopped hearing.*broker load/ },
    { cause: 'reset-by-broker', advice: /without a close handshake.*missed heartbeats/ },
    { cause: 'forced', advice: /force-closed.*administrator/ },
    { cause: 'channel-error', advice: /probe channel.*connection survives/ },
    { cause: 'refused', advice: /broker is down or restarting, or the port is wrong/ },
    { cause: 'unreachable', advice: /DNS, routing and firewalls/ },
    { cause: 'auth-failure', advice: /user name, password and vhost permissions/ },
    { cause: 'unknown', advice: /failed/ },
  ])('$cause names the target and gives its advice', ({ cause, advice }) => {
    const f: ProbeFailure = { cause, detail: 'the library said so' };
    const text = explainProbeFailure(target, f);
    expect(text).toContain(target);
    expect(text).toMatch(advice);
    expect(text).toContain('(the library said so)');
  });

  it('leaves out empty parentheses when there is no detail', () => {
    expect(explainProbeFailure('prod-eu', { cause: 'refused', detail: '' })).not.toContain('()');
  });

  it('explains a classified amqplib error end to end', () => {
    const text = explainProbeFailure('prod-eu', classifyProbeError(amqpError(SHUTDOWN, 320), 'connected'));
    expect(text).toContain("reason 'shutdown'");
    expect(text).toMatch(/shutting down/);
  });
});
