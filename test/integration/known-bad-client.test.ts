import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelModel } from 'amqplib';
import type { Alert } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { openConnection, uniqueName } from '../support/broker';
import { waitFor } from '../support/wait';

/**
 * A real amqplib connection to the machine's broker that reports itself as
 * pika 0.9.14 (client_properties product and version, as pika sends them):
 * the app must read it from the management API, attach the table's known
 * defects to the connection, and raise `known-bad-client` on it — and not on
 * a connection from a version with none. The alert resolves when the
 * connection closes.
 */
describe('known-bad client versions against the real broker', () => {
  let app: RunningApp;
  const open: ChannelModel[] = [];

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await Promise.all(open.map((c) => c.close().catch(() => {})));
    await app?.stop();
  });

  const connection = async (name: string) => (await app.state()).targets[0]!.connections.find((c) => c.name === name);
  const alerts = async () => (await app.getJson<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.filter((a) => a.rule === 'known-bad-client');

  it('pika 0.9.14 is shown with its defects and alerted on; a current amqplib is not', async () => {
    const bad = uniqueName('old-pika');
    const good = uniqueName('current-amqplib');
    const pika = await openConnection(bad, { clientProperties: { product: 'Pika Python Client Library', version: '0.9.14' } });
    open.push(pika);
    open.push(await openConnection(good));

    const seen = await waitFor('the pika connection in /api/v1/state', () => connection(bad));
    expect(seen.client).toBe('Pika Python Client Library 0.9.14');
    expect(seen.knownDefects.map((d) => [d.area, d.fixedIn, d.source])).toEqual([
      ['large-messages', '0.10.0', 'https://github.com/pika/pika/commit/7dc9bab3a44c85654f54af3fdbdb8c6a50f6847c'],
      ['heartbeats', '0.12.0', 'https://github.com/pika/pika/issues/1055'],
    ]);
    const control = await waitFor('the amqplib connection in /api/v1/state', () => connection(good));
    expect(control.client).toMatch(/^amqplib \d+\.\d+\.\d+$/);
    expect(control.knownDefects).toEqual([]);

    const alert = await waitFor('known-bad-client firing for the pika connection', async () => (await alerts()).find((a) => a.object.label === bad && a.state === 'firing'));
    expect(alert).toMatchObject({ severity: 'info', object: { kind: 'connection', id: seen.id } });
    expect(alert.value).toMatch(/^Pika Python Client Library 0\.9\.14 has 2 known defects\. Large messages, fixed in 0\.10\.0: .* Heartbeats, fixed in 0\.12\.0: .* Upgrade to 0\.12\.0 or later\.$/);
    expect(alert.explanation).toMatch(/upgrade the library/);
    // Rules are judged on every poll; by now the control connection has been through several.
    expect((await alerts()).filter((a) => a.object.label === good)).toEqual([]);

    await pika.close();
    open.splice(open.indexOf(pika), 1);
    const resolved = await waitFor('the alert resolved once the connection closed', async () => (await alerts()).find((a) => a.id === alert.id && a.state === 'resolved'));
    expect(resolved.resolvedAt).not.toBeNull();
  });
});
