import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDatabase } from '../support/app';
import { waitFor } from '../support/wait';

/**
 * A service manager or a container runtime stops `npm start` by signalling
 * npm, not node: npm passes the signal on to its script's process, so that
 * process must be the server itself (`exec`), not a shell that dies and leaves
 * the server running with nobody to stop it.
 */
describe('npm start passes a stop signal on to the server', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to npm stops the server and frees its port', async (signal) => {
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RABBITPULSE_AUTH: 'none', RABBITPULSE_PROBES: 'off', RABBITPULSE_DATABASE: tempDatabase() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const npmExit = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    let server: number | undefined;
    try {
      const port = await waitFor('the server to listen', () => Number(/listening on http:\/\/[^:]+:(\d+)/.exec(output)?.[1]) || undefined, { timeoutMs: 60_000 });
      // However npm runs the script (a shell in between or not), the server is the node process running the compiled entry.
      server = descendants(npm.pid!).find((pid) => isServer(commandLine(pid)));
      expect(server, `no server process under npm (pid ${npm.pid}):\n${output}`).toBeDefined();
      expect(await portIsFree(port)).toBe(false);

      npm.kill(signal);
      await waitFor(`the server (pid ${server}) to exit`, () => !alive(server!), { timeoutMs: 5000 });
      expect(await portIsFree(port)).toBe(true);
      expect(output).toContain(`${signal}: shutting down`);
      expect(await npmExit).toBe(0);
    } finally {
      if (server !== undefined && alive(server)) process.kill(server, 'SIGKILL');
      if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
    }
  }, 90_000);
});

/** Every process below `pid`, from /proc (each task lists its own children). */
function descendants(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** node running the compiled server; not a shell whose `-c` script merely names it. */
function isServer(argv: string[]): boolean {
  return path.basename(argv[0] ?? '') === 'node' && argv.includes('dist/server/index.js');
}

/** True while the process exists and has not exited (a zombie waiting for its parent has exited). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
