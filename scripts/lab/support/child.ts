// Running a lab client (a TypeScript file under clients/) in a child Node
// process, for clients that block their own event loop. The lab keeps its
// loop free to print, watch the broker and clean up, and can always end the
// child with a signal, which a blocked loop cannot refuse.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseEvent, type TimedClientEvent } from '../clients/events';
import type { LabLog } from './scenario';
import { withTimeout } from './time';

export interface ChildClient {
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Ends the child if it still runs: SIGTERM, then SIGKILL. */
  stop(): Promise<void>;
}

export function spawnClient(
  script: URL,
  config: unknown,
  o: { label: string; log: LabLog; onEvent: (event: TimedClientEvent) => void },
): ChildClient {
  // Resolve tsx from here, not from the working directory, so the lab runs from anywhere.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(script), JSON.stringify(config)], {
    // The IPC channel carries nothing; it tells the child when the lab is gone.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const event = parseEvent(line);
    if (event) o.onEvent(event);
    else o.log(`${o.label}: ${line}`);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => o.log(`${o.label} (stderr): ${line}`));
  return {
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await withTimeout(exited, 3_000, `${o.label} exiting`).catch(() => {
        child.kill('SIGKILL');
        return exited;
      });
    },
  };
}
