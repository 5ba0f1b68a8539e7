import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './app';
import { waitFor } from './wait';

export interface LabRun {
  process: ChildProcess;
  output: () => string;
  /** Ends the scenario the way Ctrl-C does (it cleans up), and waits for it. */
  stop: () => Promise<number | null>;
}

/** Runs `npm run lab -- <scenario> <args>` as a child process, exactly as a user would. */
export function runLab(scenario: string, args: string[] = []): LabRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lab/cli.ts', scenario, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await waitFor(`lab ${scenario} to exit`, () => child.exitCode !== null || child.signalCode !== null, { timeoutMs: 20_000 }).catch(() => child.kill('SIGKILL'));
      return child.exitCode;
    },
  };
}
