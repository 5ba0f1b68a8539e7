import type { Logger } from './log';

export interface RateLimitedLogOptions {
  /** Least time between two lines under the same key. */
  everyMs: number;
  now?: () => number;
}

type Level = keyof Logger;

interface Held {
  level: Level;
  message: string;
  count: number;
}

interface KeyState {
  lastAt: number;
  held: Held | null;
  timer: NodeJS.Timeout | null;
}

/**
 * A log for conditions that repeat: a store that fails on every poll would
 * otherwise write a line each time (the disk-full outbox wrote 16,572 in 30 s).
 *
 * Lines are grouped by a key naming the condition (say "outbox write"), not by
 * their text, which may carry details that change. The first line under a key
 * is written at once; later ones at most once every `everyMs`. What arrives in
 * between is held: when the window ends, the latest held line is written with
 * the count of the others left out. Nothing is lost for good, so when a
 * condition and its recovery are logged under one key, the last word in the
 * log is always the current one, at most `everyMs` late.
 */
export class RateLimitedLog {
  private readonly keys = new Map<string, KeyState>();
  private readonly now: () => number;

  constructor(
    private readonly log: Logger,
    private readonly opts: RateLimitedLogOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  info(key: string, message: string): void {
    this.write('info', key, message);
  }

  warn(key: string, message: string): void {
    this.write('warn', key, message);
  }

  error(key: string, message: string): void {
    this.write('error', key, message);
  }

  /** Writes what is held now, without waiting for the window to end (on shutdown). */
  flush(): void {
    for (const state of this.keys.values()) this.release(state);
  }

  private write(level: Level, key: string, message: string): void {
    const now = this.now();
    const state = this.keys.get(key);
    if (!state || now - state.lastAt >= this.opts.everyMs) {
      if (state?.timer) clearTimeout(state.timer);
      // A held line whose timer has not run yet is superseded by this one, and counted.
      const suffix = state ? leftOut(state.held?.count ?? 0, now - state.lastAt) : '';
      this.keys.set(key, { lastAt: now, held: null, timer: null });
      this.log[level](message + suffix);
      return;
    }
    state.held = { level, message, count: (state.held?.count ?? 0) + 1 };
    // unref: a held line alone should not keep a process alive that is otherwise done.
    state.timer ??= setTimeout(() => this.release(state), Math.max(0, state.lastAt + this.opts.everyMs - now)).unref();
  }

  private release(state: KeyState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const held = state.held;
    if (!held) return;
    state.held = null;
    const now = this.now();
    this.log[held.level](held.message + leftOut(held.count - 1, now - state.lastAt));
    state.lastAt = now;
  }
}

/** " (3 more lines on this left out in the last 60 s)". */
function leftOut(count: number, windowMs: number): string {
  if (count <= 0) return '';
  return ` (${count} more line${count === 1 ? '' : 's'} on this left out in the last ${Math.round(windowMs / 1000)} s)`;
}
