// The lab's command line: `<scenario> [--option value | --option=value]...`.
// Everything wrong with it becomes a UsageError whose message is the single
// line the CLI prints before exiting with status 2.

import { flagName, defaultValues, type OptionSpecs } from '../support/options';
import { commonOptions, type ScenarioDefinition } from '../support/scenario';

export class UsageError extends Error {}

export type Command =
  | { kind: 'help'; scenario?: ScenarioDefinition<OptionSpecs> }
  | { kind: 'run'; scenario: ScenarioDefinition<OptionSpecs>; options: Record<string, unknown> };

function findScenario(name: string | undefined, scenarios: readonly ScenarioDefinition<OptionSpecs>[]) {
  if (name === undefined || name.startsWith('-')) {
    throw new UsageError(`name a scenario first, one of: ${scenarios.map((s) => s.name).join(', ')} (or --help)`);
  }
  const scenario = scenarios.find((s) => s.name === name);
  if (!scenario) throw new UsageError(`unknown scenario "${name}"; choose one of: ${scenarios.map((s) => s.name).join(', ')}`);
  return scenario;
}

/** `--handler-ms` → `handlerMs`, looked up among the common and the scenario's options. */
function specFor(flag: string, specs: OptionSpecs) {
  const key = Object.keys(specs).find((candidate) => flagName(candidate) === flag);
  return key === undefined ? undefined : { key, spec: specs[key]! };
}

export function parseCommand(argv: readonly string[], scenarios: readonly ScenarioDefinition<OptionSpecs>[]): Command {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const first = argv[0];
  if (wantsHelp && (first === undefined || first.startsWith('-'))) return { kind: 'help' };
  const scenario = findScenario(first, scenarios);
  if (wantsHelp) return { kind: 'help', scenario };

  const specs: OptionSpecs = { ...commonOptions, ...scenario.options };
  const values: Record<string, unknown> = defaultValues(specs);
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"; options look like --name value`);
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const found = specFor(flag, specs);
    const fix = `run "npm run lab -- ${scenario.name} --help" for its options`;
    if (!found) throw new UsageError(`unknown option ${flag} for ${scenario.name}; ${fix}`);
    const raw = equals === -1 ? rest[++i] : arg.slice(equals + 1);
    if (raw === undefined) throw new UsageError(`${flag} needs a value, e.g. ${flag} ${found.spec.example}`);
    try {
      values[found.key] = found.spec.parse(raw);
    } catch (err) {
      const expected = err instanceof Error ? err.message : String(err);
      throw new UsageError(`${flag} expects ${expected}, got "${raw}"; e.g. ${flag} ${found.spec.example}`);
    }
  }
  return { kind: 'run', scenario, options: values };
}
