// npm run lab -- <scenario> [options]
//
// Parses the command line, runs one scenario with timestamped output, and turns
// SIGINT/SIGTERM into the scenario's AbortSignal so it can clean up. A second
// signal quits at once, for when clean-up itself hangs.
// Exit status: 0 done or stopped, 1 the scenario failed, 2 bad command line.

import { parseCommand, UsageError } from './cli/args';
import { helpText } from './cli/help';
import { scenarios } from './scenarios/index';
import { describeError } from './support/connect';
import type { LabLog } from './support/scenario';

function timestampedLog(startedMs: number): LabLog {
  return (line) => {
    const now = Date.now();
    const clock = new Date(now).toISOString().slice(11, 23);
    const elapsed = ((now - startedMs) / 1000).toFixed(1).padStart(6);
    process.stdout.write(`${clock} +${elapsed}s  ${line}\n`);
  };
}

function stopOnSignals(controller: AbortController, log: LabLog): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      log(`${signal} again: quitting without finishing clean-up (check for lab.* queues)`);
      process.exit(130);
    }
    log(`${signal}: stopping and cleaning up (send it again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommand(argv, scenarios);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`lab: ${err.message}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${helpText(scenarios, command.scenario)}\n`);
    return 0;
  }
  const log = timestampedLog(Date.now());
  const controller = new AbortController();
  stopOnSignals(controller, log);
  log(`lab: ${command.scenario.name} (Ctrl-C to stop)`);
  try {
    await command.scenario.run(command.options as Parameters<typeof command.scenario.run>[0], controller.signal, log);
    log(`lab: ${command.scenario.name} finished, clean-up done`);
    return 0;
  } catch (err) {
    log(`lab: ${command.scenario.name} failed: ${describeError(err)}`);
    return 1;
  }
}

// Exit explicitly: a socket amqplib has not fully released must not keep the lab alive.
process.exit(await main(process.argv.slice(2)));
