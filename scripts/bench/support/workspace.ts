import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup';

/**
 * One folder holds everything the run writes: the private node's data and
 * logs, the app's config file and SQLite history, Next's temp files. TMPDIR
 * points into it for this process and every child, so helpers that make their
 * own temp folders (test/support's startApp, startPrivateBroker) make them
 * here, and one `rm -rf` at the end removes them all.
 *
 * The folder is world-traversable because the broker node runs as the
 * `rabbitmq` user and must reach its own folder inside it.
 */
export function createWorkspace(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'rabbitpulse-bench-'));
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  cleanup.add(`workspace ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  cleanup.watch(dir);
  return dir;
}

/**
 * Raises this process's open-file limit, soft and hard, so that the private
 * broker node (a child) inherits it: RabbitMQ sizes its socket limit from the
 * soft limit it starts with (about 0.9 × (limit − 100)). The machine's own
 * broker runs with 1,024 (≈ 830 sockets); 5,000 connections need more.
 * Raising the hard limit needs root (CAP_SYS_RESOURCE); without it the soft
 * limit can still go up to the hard one. Returns the soft limit now in effect.
 */
export function raiseOpenFileLimit(wanted: number): { limit: number; note: string } {
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${wanted}:${wanted}`], { stdio: 'pipe' });
    return { limit: openFileLimit(), note: `raised to ${wanted} with prlimit` };
  } catch (err) {
    const why = hasCapability(CAP_SYS_RESOURCE)
      ? ((err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message)
      : 'this process lacks CAP_SYS_RESOURCE, which the container withholds even from root, so no hard limit can be raised';
    const limit = openFileLimit();
    return { limit, note: `inherited ${limit}; could not raise it to ${wanted}: ${why}` };
  }
}

const CAP_SYS_RESOURCE = 24;

/** Whether this process holds a Linux capability (CapEff in /proc/self/status). */
function hasCapability(bit: number): boolean {
  const hex = /^CapEff:\s+([0-9a-f]+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return hex !== undefined && ((BigInt(`0x${hex}`) >> BigInt(bit)) & 1n) === 1n;
}

function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}
