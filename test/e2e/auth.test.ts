import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app';
import { ADMIN_PASSWORD, createViewerToken, PASSWORD_AUTH } from '../support/auth';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { launchBrowser, openPage, requireProductionBuild, screenshot, waitForLive, type PageProblems } from './browser';

/**
 * Signing in, out, and looking as a viewer, in a real Chromium against the
 * production build with sign-in on. Every page must run under the
 * Content-Security-Policy: a blocked script shows up as a console error,
 * which fails the run.
 */
describe('sign-in and roles in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  const problems: PageProblems = { list: [] };

  beforeAll(async () => {
    requireProductionBuild();
    receiver = await startWebhookReceiver([200]);
    [app, browser] = await Promise.all([
      startApp({
        env: PASSWORD_AUTH,
        config: {
          probes: { largeMessage: { enabled: false } },
          notifiers: [{ id: 'team-hook', kind: 'webhook', url: receiver.url, minSeverity: 'info' }],
          targets: [{ id: 'local', name: 'Local' }],
        },
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await receiver?.close();
    // A refused sign-in (401) and the viewer's refused write (403) are expected; anything else is a problem.
    expect(problems.list.filter((p) => !/status of 40[13]/.test(p))).toEqual([]);
  });

  it('sends a visitor to sign in, refuses a bad password clearly, then shows the live dashboard', async () => {
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(`${app.url}/connections`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/connections');

      await page.getByTestId('login-password').fill('not the password');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error').textContent()).resolves.toBe('Wrong password. Try again.');
      expect(new URL(page.url()).pathname).toBe('/login');
      await screenshot(page, 'login-refused', 'dark');

      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${app.url}/connections`);
      await waitForLive(page);
      await page.locator('[data-testid="conn-row"]').first().waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('session-role').textContent()).resolves.toBe('Admin');
      await expect(page.getByRole('link', { name: 'Access' }).count()).resolves.toBe(1);
      // The session cookie is invisible to scripts.
      await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('rabbitpulse_session');
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'rabbitpulse_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

      // Admin actions are there for an admin.
      await page.goto(`${app.url}/alerts`);
      await page.getByTestId('test-notification').waitFor();

      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/login$/);
      await page.goto(`${app.url}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('makes a viewer link in the UI, shows it once, and revokes it', async () => {
    const { context, page } = await openPage(browser, 'light', problems);
    try {
      await page.goto(`${app.url}/access`);
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${app.url}/access`);
      await page.getByTestId('token-name').fill('Lobby TV');
      await page.getByTestId('token-create').click();
      const url = await page.getByTestId('token-url').textContent();
      expect(url).toMatch(new RegExp(`^${app.url}/wall\\?token=rpv_[A-Za-z0-9_-]{43}$`));
      const row = page.locator('[data-testid="viewer-token-row"]').filter({ hasText: 'Lobby TV' });
      await row.waitFor();
      await screenshot(page, 'access', 'light');
      // Gone once dismissed: the page never gets the token again.
      await page.getByRole('button', { name: 'Done' }).click();
      await expect(page.getByTestId('token-url').count()).resolves.toBe(0);
      await page.reload();
      await expect(page.locator('body').textContent()).resolves.not.toContain(url!.split('token=')[1]!);

      // The link works until it is revoked.
      const tv = await browser.newContext();
      const tvPage = await tv.newPage();
      await tvPage.goto(url!);
      expect(new URL(tvPage.url()).pathname).toBe('/wall');
      await row.getByTestId('token-revoke').click();
      await row.waitFor({ state: 'detached' });
      await tvPage.locator('[data-testid="wall-stale"][data-status="unauthorized"]').waitFor({ timeout: 10_000 });
      await tvPage.goto(url!);
      expect(new URL(tvPage.url()).pathname).toBe('/login');
      await expect(tvPage.getByTestId('login-notice').textContent()).resolves.toMatch(/wall link is not valid/);
      await tv.close();
    } finally {
      await context.close();
    }
  });

  it('shows a viewer everything read-only: no admin navigation, no buttons that change anything', async () => {
    const token = await createViewerToken(app, 'read-only check');
    const { context, page } = await openPage(browser, 'dark', problems);
    try {
      await page.goto(app.url + token.wallPath);
      expect(new URL(page.url()).pathname).toBe('/wall');
      await page.goto(`${app.url}/alerts`);
      await waitForLive(page);
      await expect(page.getByTestId('session-role').textContent()).resolves.toBe('Viewer · read-only');
      await page.locator('[data-testid="notifier-row"]').first().waitFor();
      for (const id of ['test-notification', 'ack-button', 'silence-button', 'silence-remove']) await expect(page.getByTestId(id).count(), id).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'Access' }).count()).resolves.toBe(0);
      // And the server agrees, whatever the page shows.
      const status = await page.evaluate(async () => (await fetch('/api/v1/notifiers/team-hook/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      expect(status).toBe(403);
      await screenshot(page, 'alerts-viewer', 'dark');
    } finally {
      await context.close();
    }
  });

  it('stays on rabbitpulse after signing in, whatever next= says: a tab or CR LF between the slashes', async () => {
    const own = new URL(app.url);
    for (const next of ['%2F%09%2Fexample.org%2Fx', '%2F%0D%0A%2Fexample.org%2Fx']) {
      const { context, page } = await openPage(browser, 'light', problems);
      try {
        // Were the browser sent elsewhere, it lands on this stand-in instead of the network.
        await context.route((url) => url.host !== own.host, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>elsewhere</title>' }));
        await page.goto(`${app.url}/login?next=${next}`);
        await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.waitForURL((url) => url.pathname !== '/login');
        expect(new URL(page.url()).origin, next).toBe(own.origin);
        expect(new URL(page.url()).pathname, next).toBe('/');
        await waitForLive(page);
      } finally {
        await context.close();
      }
    }
  });
});
