// Waiting that always gives way to the scenario's AbortSignal, so Ctrl-C is
// never stuck behind a timer.

/** Resolves after `ms`, or at once when `signal` aborts (it never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Resolves with the reason the scenario should stop: the signal aborted, or
 * `durationSeconds` elapsed (never, when it is undefined).
 */
export async function waitForEnd(signal: AbortSignal, durationSeconds: number | undefined): Promise<string> {
  // setTimeout cannot wait longer than 2^31-1 ms (about 24.8 days); treat that as forever.
  const limitMs = Math.min(durationSeconds === undefined ? Infinity : durationSeconds * 1000, 2 ** 31 - 1);
  await sleep(limitMs, signal);
  return signal.aborted ? 'stopped' : `duration of ${durationSeconds} s elapsed`;
}

/**
 * Calls `tick` every `intervalMs` until `signal` aborts, never overlapping two
 * calls (a slow management API must not pile up requests).
 */
export async function every(intervalMs: number, signal: AbortSignal, tick: () => Promise<void> | void): Promise<void> {
  while (!signal.aborted) {
    await sleep(intervalMs, signal);
    if (!signal.aborted) await tick();
  }
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Seconds since `startMs`, one decimal: for "after 10.3 s" in log lines. */
export function secondsSince(startMs: number, nowMs = Date.now()): string {
  return ((nowMs - startMs) / 1000).toFixed(1);
}
