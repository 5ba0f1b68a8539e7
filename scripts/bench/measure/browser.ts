import { chromium, type Page } from 'playwright-core';
import type { Cleanup } from '../support/cleanup';
import { log } from '../support/log';
import { max, median, percentile, sleep, sum } from '../support/stats';

/** Debian's Chromium, headless, with everything that would phone home or compete for the two cores turned off. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const VIEWPORT = { width: 1440, height: 900 };

export interface FrameStats {
  seconds: number;
  frames: number;
  /** requestAnimationFrame intervals: one display frame (16.7 ms at 60 Hz) when nothing is late. */
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Intervals longer than 1.5 frames: a frame was dropped. */
  late: number;
  longTasks: number;
  longTaskMs: number;
  /** Long-animation-frame entries' blocking time (Chromium's LoAF API), summed. */
  blockingMs: number;
}

export interface BrowserResult {
  chromium: string;
  /** Navigation start → the first connection row in the DOM (snapshot received, parsed, rendered). */
  firstRowMs: number;
  firstContentfulPaintMs: number | null;
  /** The toolbar's "N connections" when the first rows were there. */
  toolbarCount: string;
  /** Largest WebSocket frame the page received: the snapshot. */
  snapshotBytes: number;
  passive: FrameStats;
  scrolling: FrameStats;
}

// In-page code is passed as strings so no compiler helper can leak into the page.
const MARK_FIRST_ROW = `
  window.__bench = { firstRowAt: null };
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="conn-row"]')) {
      window.__bench.firstRowAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
`;

const TIME_FRAMES = `async (ms) => {
  const longTasks = [];
  const blocking = [];
  const lt = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
  lt.observe({ type: 'longtask' });
  let loaf = null;
  try {
    loaf = new PerformanceObserver((l) => l.getEntries().forEach((e) => blocking.push(e.blockingDuration || 0)));
    loaf.observe({ type: 'long-animation-frame' });
  } catch {}
  const intervals = [];
  await new Promise((resolve) => {
    let last = null;
    const end = performance.now() + ms;
    const frame = (t) => {
      if (last !== null) intervals.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame); else resolve();
    };
    requestAnimationFrame(frame);
  });
  await new Promise((r) => setTimeout(r, 50));
  lt.disconnect();
  if (loaf) loaf.disconnect();
  return { intervals, longTasks, blocking };
}`;

/**
 * The connections page in real Chromium with the full table behind it: how
 * long until rows show, and how smooth it stays while live updates arrive —
 * first just watching, then scrolling through the rows (the table renders
 * only the rows in view). `whileTiming` keeps changes flowing meanwhile.
 */
export async function measureBrowser(o: { url: string; seconds: number; cleanup: Cleanup; whileTiming: () => { stop: () => Promise<void> } }): Promise<BrowserResult> {
  log('browser: launching Chromium');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  o.cleanup.add('chromium', () => browser.close());
  try {
    // The app's Content-Security-Policy forbids eval, which playwright's string predicates need; the page's own scripts are unaffected.
    const page = await (await browser.newContext({ viewport: VIEWPORT, bypassCSP: true })).newPage();
    let snapshotBytes = 0;
    page.on('websocket', (ws) => ws.on('framereceived', (f) => (snapshotBytes = Math.max(snapshotBytes, Buffer.byteLength(f.payload)))));
    await page.addInitScript(MARK_FIRST_ROW);
    await page.goto(`${o.url}/connections`, { waitUntil: 'commit' });
    const firstRowMs = (await (await page.waitForFunction('window.__bench && window.__bench.firstRowAt', undefined, { timeout: 120_000, polling: 50 })).jsonValue()) as number;
    const fcp = (await page.evaluate(`(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null`)) as number | null;
    const toolbarCount = ((await page.locator('.toolbar-count').first().textContent({ timeout: 5_000 }).catch(() => null)) ?? '').trim();
    log(`browser: first row after ${Math.round(firstRowMs)} ms (${toolbarCount})`);
    await sleep(2000);
    const changes = o.whileTiming();
    try {
      const passive = await timeFrames(page, o.seconds);
      log(`browser: frames while watching: median ${passive.medianMs.toFixed(1)} ms, p99 ${passive.p99Ms.toFixed(1)} ms`);
      const scrolling = await withScrolling(page, () => timeFrames(page, o.seconds));
      log(`browser: frames while scrolling: median ${scrolling.medianMs.toFixed(1)} ms, p99 ${scrolling.p99Ms.toFixed(1)} ms`);
      return { chromium: browser.version(), firstRowMs, firstContentfulPaintMs: fcp, toolbarCount, snapshotBytes, passive, scrolling };
    } finally {
      await changes.stop();
    }
  } finally {
    await browser.close();
  }
}

async function timeFrames(page: Page, seconds: number): Promise<FrameStats> {
  const r = (await page.evaluate(`(${TIME_FRAMES})(${seconds * 1000})`)) as { intervals: number[]; longTasks: number[]; blocking: number[] };
  const frame = median(r.intervals);
  return {
    seconds,
    frames: r.intervals.length,
    medianMs: frame,
    p95Ms: percentile(r.intervals, 95),
    p99Ms: percentile(r.intervals, 99),
    maxMs: max(r.intervals),
    late: r.intervals.filter((d) => d > 1.5 * frame).length,
    longTasks: r.longTasks.length,
    longTaskMs: sum(r.longTasks),
    blockingMs: sum(r.blocking),
  };
}

/** Wheels the table down and back up, ten steps a second, for as long as `timed` runs. */
async function withScrolling<T>(page: Page, timed: () => Promise<T>): Promise<T> {
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height * 0.65);
  let running = true;
  const scroller = (async () => {
    for (let step = 0; running; step++) {
      await page.mouse.wheel(0, step % 80 < 40 ? 600 : -600);
      await sleep(100);
    }
  })();
  try {
    return await timed();
  } finally {
    running = false;
    await scroller;
  }
}
