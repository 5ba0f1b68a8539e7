import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, DeliveryStatus } from '../../server/contract';
import { startApp, type RunningApp } from '../support/app';
import { ADMIN_PASSWORD, API_TOKEN, bearer, PASSWORD_AUTH } from '../support/auth';
import { freePort, waitFor } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { launchBrowser, openPage, requireProductionBuild, type PageProblems } from './browser';

/**
 * Cross-site request forgery as it really happens: an admin signed in to
 * rabbitpulse opens a page served from another port of the same host. That
 * page is the same *site*, so Chromium sends the SameSite=Strict session
 * cookie with its auto-submitting form. The server must refuse the write.
 */
describe('a form on another port of the same host, in a signed-in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let attacker: { url: string; server: Server };
  const problems: PageProblems = { list: [] };

  beforeAll(async () => {
    requireProductionBuild();
    receiver = await startWebhookReceiver([200]);
    const unreachable = await freePort();
    [app, browser, attacker] = await Promise.all([
      startApp({
        env: { ...PASSWORD_AUTH, RABBITPULSE_PROBES: 'off' },
        config: {
          // A management API that refuses connections fires an alert within a poll, without touching the broker.
          targets: [{ id: 'down', name: 'Down', managementUrl: `http://127.0.0.1:${unreachable}` }],
          alerts: { rules: { 'management-unavailable': { forMs: 0 } } },
          notifiers: [{ id: 'team-hook', kind: 'webhook', url: receiver.url, minSeverity: 'info' }],
        },
      }),
      launchBrowser(),
      startFormServer(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await receiver?.close();
    if (attacker) await new Promise((resolve) => attacker.server.close(resolve));
  });

  const api = async <T>(p: string): Promise<T> => (await fetch(app.url + p, { headers: bearer(API_TOKEN) })).json() as Promise<T>;
  const testDeliveries = async () => (await api<{ deliveries: DeliveryStatus[] }>('/api/v1/deliveries')).deliveries.filter((d) => d.kind === 'test');

  /** Opens the other port's page, which posts its form to `action` at once; returns rabbitpulse's answer to that post. */
  async function submitFrom(page: Page, action: string): Promise<{ status: number; body: { error?: string } }> {
    const answered = page.waitForResponse((r) => r.url() === action && r.request().method() === 'POST');
    await page.goto(`${attacker.url}/?action=${encodeURIComponent(action)}`);
    const res = await answered;
    return { status: res.status(), body: (await res.json()) as { error?: string } };
  }

  it('cannot acknowledge a firing alert or send a test notification; the dashboard itself still can', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/login?next=%2Falerts`);
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${app.url}/alerts`);
      const alert = await waitFor('the management-unavailable alert to fire', async () =>
        (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.rule === 'management-unavailable' && a.state === 'firing'),
      );

      const ack = await submitFrom(page, `${app.url}/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`);
      // 403 for where it came from, not 401: Chromium did send the session cookie along.
      expect(ack.status).toBe(403);
      expect(ack.body.error).toContain(`came from a page at ${attacker.url}, not from rabbitpulse's own pages at ${app.url}`);
      const test = await submitFrom(page, `${app.url}/api/v1/notifiers/team-hook/test`);
      expect(test.status).toBe(403);

      expect((await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.id === alert.id)?.acknowledgedAt).toBeNull();
      expect(await testDeliveries()).toEqual([]);
      expect(receiver.requests.filter((r) => r.json().kind === 'test')).toEqual([]);

      // The same signed-in browser, on rabbitpulse's own page, acknowledges it.
      await page.goto(`${app.url}/alerts`);
      const row = page.locator(`[data-testid="alert-row"][data-rule="management-unavailable"][data-state="firing"]`);
      await row.getByTestId('ack-button').click();
      await page.locator('[data-testid="alert-row"][data-rule="management-unavailable"][data-acknowledged="true"]').waitFor({ timeout: 5_000 });
      expect((await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.find((a) => a.id === alert.id)?.acknowledgedAt).toBeTypeOf('number');
    } finally {
      await context.close();
    }
    // Chromium logs the two refused posts (403) as console errors; nothing else may show up.
    expect(problems.list.filter((p) => !/status of 403/.test(p))).toEqual([]);
  });
});

/**
 * The other port's page: a plain HTML form, no JSON, no script tricks
 * beyond submitting itself, exactly what any page on this host could serve.
 */
async function startFormServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const action = new URL(req.url ?? '/', 'http://localhost').searchParams.get('action') ?? '';
    const escaped = action.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Free prizes</title><form method="POST" action="${escaped}"><input type="hidden" name="x" value="1"></form><script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
