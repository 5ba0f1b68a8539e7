import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { targetHealth } from '../../server/shared/target-health';
import { startApp, type RunningApp } from '../support/app';
import { MANAGEMENT_URL } from '../support/broker';

/** Without its own credentials a target's management API is asked with the amqpUrl's: here only the AMQP password is wrong. */
const MANAGEMENT_LOGIN = { username: 'guest', password: 'guest' };
import { sleep, waitFor } from '../support/wait';

/**
 * A target whose management API is fine but whose AMQP password is wrong,
 * beside one that is right, on the machine's broker: /api/v1/state gives each
 * its health from the one function (it agrees with the alerts at the same
 * moment), and the terminal says once that the probe is down, and why.
 */
describe('target health and the terminal log, with a wrong AMQP password', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({
      config: {
        probes: { reconnectBaseMs: 300, reconnectMaxMs: 1000, largeMessage: { enabled: false } },
        targets: [
          { id: 'good', name: 'Right password', amqpUrl: 'amqp://guest:guest@127.0.0.1:5672', managementUrl: MANAGEMENT_URL },
          { id: 'wrong', name: 'Wrong AMQP password', amqpUrl: 'amqp://guest:not-the-password@127.0.0.1:5672', managementUrl: MANAGEMENT_URL, ...MANAGEMENT_LOGIN },
        ],
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('/api/v1/state: the probe is down with credentials refused, the same verdict as the function gives from state and alerts', async () => {
    const wrong = await waitFor('the wrong target to be critical', async () => {
      const t = (await app.state()).targets.find((x) => x.id === 'wrong');
      return t?.health.level === 'crit' && t.status.kind === 'ok' ? t : undefined;
    });
    expect(wrong.health.word).toBe('critical');
    expect(wrong.health.reasons[0]).toBe('probe down: credentials refused');

    // Fetched a moment apart, state and alerts can straddle an alert change: wait for a pair that is still.
    await waitFor('state and alerts to agree', async () => {
      const [state, { alerts }] = await Promise.all([app.state(), app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')]);
      return state.targets.every((t) => JSON.stringify(t.health) === JSON.stringify(targetHealth(t, alerts)));
    });
    const good = (await app.state()).targets.find((t) => t.id === 'good')!;
    // The machine's broker keeps its log exchange off (the default): worth knowing, not a fault.
    expect(['ok', 'info']).toContain(good.health.level);
    expect(good.health.reasons.some((r) => r.startsWith('probe down'))).toBe(false);
  });

  it('the terminal says once that the probe is down and why, not at every report', async () => {
    const down = 'target wrong: probe down: credentials refused — Handshake terminated by server: 403 (ACCESS-REFUSED)';
    await waitFor('the probe-down line', () => app.output().includes(down));
    // The probe reports every second, and keeps retrying every second here: a few more reports change nothing.
    await sleep(4000);
    const out = app.output();
    const times = (text: string) => out.split(text).length - 1;
    expect(times(down)).toBe(1);
    expect(times('target wrong: event exchange down: ')).toBe(1);
    expect(times('target good: probe up\n')).toBe(1);
    expect(times('target good: event exchange subscribed\n')).toBe(1);
    expect(out).not.toContain('target good: probe down');
    // The password never reaches the terminal.
    expect(out).not.toContain('not-the-password');
  });
});
