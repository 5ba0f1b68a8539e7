import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../support/app';

/**
 * Debian's Chromium, headless, with everything that would phone home or
 * compete for the machine's two cores turned off.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export type Theme = 'dark' | 'light';
export const VIEWPORT = { width: 1440, height: 900 };
export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');

export function requireProductionBuild(): void {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('The e2e tests run the production build: run `npx next build` in the repository first.');
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Every console error and uncaught page error, with the page it came from. */
export interface PageProblems {
  list: string[];
}

/**
 * A page in its own context, in the given colour scheme. The theme is also
 * pinned in localStorage, exactly as the theme toggle would, so the page
 * does not depend on how the OS preference is emulated.
 */
export async function openPage(
  browser: Browser,
  theme: Theme,
  problems: PageProblems,
  viewport: { width: number; height: number } = VIEWPORT,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, colorScheme: theme });
  await context.addInitScript((t) => localStorage.setItem('rabbitpulse-theme', t), theme);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.list.push(`[${theme}] ${page.url()}: console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.list.push(`[${theme}] ${page.url()}: uncaught: ${e.message}`));
  return { context, page };
}

/** Waits until the live stream has delivered its first snapshot. */
export async function waitForLive(page: Page): Promise<void> {
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 15_000 });
}

export async function screenshot(page: Page, name: string, theme: Theme): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${theme}.png`);
  await page.screenshot({ path: file });
  return file;
}
