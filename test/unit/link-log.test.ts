import { describe, expect, it } from 'vitest';
import type { ProbeState } from '../../server/contract';
import { LinkChanges } from '../../server/link-log';
import { probeState } from './builders';

/**
 * The terminal's lines about rabbitpulse's own links, fed the probe's
 * reports in order as the hub publishes them (one a second): a line per
 * change, none for a report that changes nothing.
 */
const AUTH = "The broker refused the probe's credentials on 127.0.0.1:5672: check the user name, password and vhost permissions in the target's amqpUrl.";
const authDown = (at: number): Partial<ProbeState> => ({
  state: 'down',
  lastError: { cause: 'auth-failure', message: AUTH, at },
  reconnectAttempts: 1,
  outages: [{ startedAt: at, endedAt: null, durationMs: null, cause: 'auth-failure', message: AUTH }],
});
const subscribed = { eventExchange: { state: 'subscribed' as const, message: 'Subscribed.' }, brokerLog: { state: 'subscribed' as const, message: 'Subscribed.' } };

function run(reports: Array<Partial<ProbeState>>): string[] {
  const changes = new LinkChanges();
  return reports.flatMap((r) => changes.observe('local', probeState(r)).map((l) => `${l.level} ${l.message}`));
}

describe('LinkChanges', () => {
  it('a probe whose credentials are refused: one line with the cause, however many reports say so', () => {
    const down = { ...authDown(1000), eventExchange: { state: 'down' as const, message: 'Cannot connect to subscribe to broker events: ACCESS_REFUSED' }, brokerLog: { state: 'down' as const, message: 'Waiting.' } };
    expect(run([{ state: 'connecting', eventExchange: { state: 'connecting', message: '' }, brokerLog: { state: 'connecting', message: '' } }, down, down, { ...down, reconnectAttempts: 5 }])).toEqual([
      `warn target local: probe down: credentials refused — ${AUTH}`,
      'warn target local: event exchange down: Cannot connect to subscribe to broker events: ACCESS_REFUSED',
    ]);
  });

  it('up, down, up again: each change once, with the outage on the way back', () => {
    const back = { ...subscribed, outages: [{ startedAt: 1000, endedAt: 13_000, durationMs: 12_000, cause: 'auth-failure' as const, message: AUTH }] };
    expect(run([subscribed, subscribed, { ...authDown(1000), ...subscribed }, back, back])).toEqual([
      'info target local: probe up',
      'info target local: event exchange subscribed',
      'info target local: broker log subscribed',
      `warn target local: probe down: credentials refused — ${AUTH}`,
      'info target local: probe up again after 12 s',
    ]);
  });

  it('lost and back between two reports: still told', () => {
    const flapped = { ...subscribed, outages: [{ startedAt: 5000, endedAt: 5400, durationMs: 400, cause: 'reset-by-broker' as const, message: 'read ECONNRESET' }] };
    expect(run([subscribed, flapped, flapped]).slice(3)).toEqual(['warn target local: probe was down for 0.4 s: reset by the broker — read ECONNRESET; up again']);
  });

  it('subscriptions: not enabled, then enabled; the broker log is off by default, so it informs', () => {
    const noPlugin = { eventExchange: { state: 'not-enabled' as const, message: 'Enable it: rabbitmq-plugins enable rabbitmq_event_exchange' }, brokerLog: { state: 'connecting' as const, message: '' } };
    const logOff = { eventExchange: { state: 'subscribed' as const, message: 'Subscribed.' }, brokerLog: { state: 'not-enabled' as const, message: 'Off.' } };
    expect(run([noPlugin, noPlugin, logOff, logOff, subscribed]).slice(1)).toEqual([
      'warn target local: event exchange not enabled: Enable it: rabbitmq-plugins enable rabbitmq_event_exchange',
      'info target local: event exchange subscribed',
      'info target local: broker log exchange off on the broker: Off.',
      'info target local: broker log subscribed',
    ]);
  });

  it('broker text reaches the terminal inert: an escape sequence is shown, not obeyed', () => {
    const lines = run([{ ...authDown(1000), lastError: { cause: 'auth-failure', message: 'refused \u001b[2J', at: 1000 } }]);
    expect(lines[0]).toBe('warn target local: probe down: credentials refused — refused ⟨ESC⟩[2J');
  });
});
