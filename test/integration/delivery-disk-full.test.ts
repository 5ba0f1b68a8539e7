import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryConfig } from '../../server/config/schema';
import { deliveryBackoff } from '../../server/alerts/delivery/backoff';
import { backoffMs } from '../../server/backoff';
import { startApp, type RunningApp } from '../support/app';
import { sleep } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * The history's disk fills up while two notifications are pending — caused
 * for real: the app's SQLite file lives on a small tmpfs mounted here, and a
 * file takes every free byte of it after the notifications are queued.
 * Reported before the fix: 10,190 POSTs in 30 s and 16,572 log lines.
 *
 * One receiver accepts its notification, the other keeps answering 503. Both
 * answer the first request 2 s late, so the disk is full by the time the app
 * tries to record either outcome. Over the next ~25 s the accepted one must
 * not come again, the other no faster than its backoff, and the app's log
 * must say so in a few lines, not thousands.
 */

const DELIVERY: DeliveryConfig = { timeoutMs: 10_000, baseBackoffMs: 2000, maxBackoffMs: 8000, giveUpAfterMs: 3_600_000 };
const FIRST_REPLY_DELAY_MS = 2000;
const WATCH_MS = 25_000;

describe('delivery while the history disk is full (real tmpfs, real app, real receivers)', () => {
  let mountPoint: string;
  let app: RunningApp | undefined;
  let up: WebhookReceiver | undefined;
  let down: WebhookReceiver | undefined;

  beforeAll(() => {
    mountPoint = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`could not mount a tmpfs at ${mountPoint} (this test needs root, or CAP_SYS_ADMIN): ${(err as Error).message}`);
    }
  });

  afterAll(async () => {
    rmSync(path.join(mountPoint, 'filler'), { force: true }); // room again, so the app can shut down normally
    await app?.stop();
    await up?.close();
    await down?.close();
    try {
      execFileSync('umount', [mountPoint]);
    } catch {
      execFileSync('umount', ['-l', mountPoint]); // something still holds it; detach now, freed when released
    }
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('sends a delivered notification once and retries the other no faster than its backoff, with a bounded log', async () => {
    up = await startWebhookReceiver([{ status: 200, delayMs: FIRST_REPLY_DELAY_MS }, 200]);
    down = await startWebhookReceiver([{ status: 503, delayMs: FIRST_REPLY_DELAY_MS }, 503]);
    app = await startApp({
      env: { RABBITPULSE_DATABASE: path.join(mountPoint, 'history.db') },
      config: {
        poll: { intervalMs: 1000 },
        probes: { largeMessage: { enabled: false } },
        notifiers: [
          { id: 'up', kind: 'webhook', url: up.url, minSeverity: 'info' },
          { id: 'down', kind: 'webhook', url: down.url, minSeverity: 'info' },
        ],
        delivery: DELIVERY,
        targets: [{ id: 'local', name: 'Local broker' }],
      },
    });

    for (const id of ['up', 'down']) {
      const res = await fetch(`${app.url}/api/v1/notifiers/${id}/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(202); // queued: the outbox was written while there was room
    }
    await up.waitForRequests(1);
    await down.waitForRequests(1);
    fillDisk(mountPoint);
    const filledAt = Date.now();
    expect(filledAt - down.requests[0]!.at).toBeLessThan(FIRST_REPLY_DELAY_MS); // before either outcome is recorded

    await sleep(WATCH_MS);

    const lines = app.output().split('\n');
    const deliveryLines = lines.filter((l) => /\bdelivery\b/.test(l));
    const context = `${deliveryLines.length} delivery log lines, the first:\n${deliveryLines.slice(0, 5).join('\n')}`;
    // The fault really happened: recording the outcomes failed for lack of space.
    expect(deliveryLines.some((l) => l.includes('database or disk is full')), context).toBe(true);

    expect(up.requests.length, 'requests for the delivered notification').toBe(1);

    const times = down.requests.map((r) => r.at);
    const allowed = allowedAttempts(times.at(-1)! - times[0]!);
    expect(times.length, `${times.length} requests to the 503 receiver`).toBeLessThanOrEqual(allowed);
    expect(times.length).toBeGreaterThanOrEqual(3); // it did keep retrying
    // Each retry waits at least its backoff after the answer to the previous attempt (the first came 2 s late).
    times.slice(1).forEach((at, i) => {
      const answeredAt = times[i]! + (i === 0 ? FIRST_REPLY_DELAY_MS : 0);
      expect(at - answeredAt, `gap before attempt ${i + 2}`).toBeGreaterThanOrEqual(leastGap(i + 1) - 50);
    });
    expect(new Set(down.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);

    // One line when writes first failed; the next would come a minute later.
    expect(deliveryLines.length, context).toBeLessThanOrEqual(3);
  }, 90_000);
});

/** Takes every free byte of the file system at `dir`: big writes first, then smaller ones for the last pages. */
function fillDisk(dir: string): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  try {
    for (let size = 1 << 20; size >= 512; size >>= 1) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch {
          break; // ENOSPC at this size: try smaller
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const leastGap = (k: number) => backoffMs(k, deliveryBackoff(DELIVERY), 0);

/** How many attempts the backoff allows within `ms` of the first, counting the first reply's delay. */
function allowedAttempts(ms: number): number {
  let attempts = 1;
  for (let at = FIRST_REPLY_DELAY_MS + leastGap(1); at <= ms; at += leastGap(attempts)) attempts++;
  return attempts;
}
