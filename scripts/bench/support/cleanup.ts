import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './log';

/**
 * Everything the benchmark starts or creates is registered here the moment it
 * exists, and undone in reverse order at the end — after success, failure or
 * Ctrl-C/SIGTERM alike.
 *
 * A SIGKILL of the benchmark skips all of that, so a detached watchdog shell
 * also watches the benchmark's pid; once it is gone, the watchdog kills the
 * benchmark's child processes (by pid, never by name) and removes the
 * workspace folder. Which children: every second the benchmark writes down
 * its live children in its own process group (the app, the loaders,
 * Chromium) — so a child is covered even while the helper that spawned it has
 * not returned yet, and a pid that has since been reused is not. Detached
 * children (the private broker node and its own watchdog, see
 * test/support/private-broker.ts) lead groups of their own and are left to it.
 */
export class Cleanup {
  private readonly steps: Array<{ label: string; undo: () => unknown }> = [];
  private running: Promise<void> | null = null;

  add(label: string, undo: () => unknown): void {
    this.steps.push({ label, undo });
  }

  /** Starts the SIGKILL watchdog for a workspace folder (which it removes) and for this process's children. */
  watch(workspace: string): void {
    const pidFile = join(workspace, 'pids');
    const note = () => writeFileSync(pidFile, childrenInOwnGroup().join('\n') + '\n');
    note();
    const noting = setInterval(note, 1000);
    noting.unref();
    const watchdog = spawn('sh', ['-c', WATCHDOG, 'rabbitpulse-bench-watchdog', String(process.pid), pidFile, workspace], {
      detached: true,
      stdio: 'ignore',
    });
    watchdog.unref();
    // Registered first, so it is ended last, once nothing is left for it to do.
    this.add('watchdog', () => {
      clearInterval(noting);
      try {
        if (watchdog.pid) process.kill(watchdog.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
  }

  /** Runs every undo step once, newest first; a failing step is logged and the rest still run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { label, undo } of this.steps.splice(0).reverse()) {
        try {
          await withTimeout(Promise.resolve().then(undo), 60_000, label);
        } catch (err) {
          log(`cleanup: ${label}: ${(err as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C or SIGTERM: clean up, then exit. A second Ctrl-C exits at once (the watchdog finishes the job). */
  installSignalHandlers(): void {
    let interrupted = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (interrupted) process.exit(130);
      interrupted = true;
      log(`${signal}: cleaning up (press Ctrl-C again to leave it to the watchdog)`);
      void this.run().finally(() => process.exit(130));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

const WATCHDOG = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
if [ -f "$2" ]; then for p in $(cat "$2"); do kill -9 "$p" 2>/dev/null; done; fi
rm -rf "$3"
`;

/** Live direct children of this process that share its process group (read from /proc). */
function childrenInOwnGroup(): number[] {
  const own = statFields(process.pid);
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && own && f.ppid === process.pid && f.pgrp === own.pgrp) out.push(Number(entry));
  }
  return out;
}

/** ppid and process group from /proc/<pid>/stat (fields 4 and 5, after the parenthesised name). */
function statFields(pid: number): { ppid: number; pgrp: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null; // gone meanwhile
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
