// What every scenario is: a name, a one-line summary, its own options, and a
// run function that works the same whether the CLI calls it or a test does.
// `run` must return only after everything it created on the broker is gone.

import { defaultValues, seconds, url, type OptionSpecs, type OptionValues } from './options';

/** Receives one human-readable line per notable thing; the caller adds timestamps. */
export type LabLog = (line: string) => void;

export const commonOptions = {
  url: url({
    help: 'AMQP URL of the broker the lab connects to',
    default: 'amqp://guest:guest@127.0.0.1:5672',
    schemes: ['amqp:', 'amqps:'],
  }),
  managementUrl: url({
    help: 'management API, used only to print what the broker sees (credentials default to the AMQP URL\'s)',
    default: 'http://127.0.0.1:15672',
    schemes: ['http:', 'https:'],
  }),
  duration: seconds({
    help: 'stop this many seconds after the scenario is set up',
    default: undefined,
    whenUnset: 'until Ctrl-C (or the scenario\'s natural end)',
  }),
};

export type CommonOptions = OptionValues<typeof commonOptions>;

export type ScenarioOptions<S extends OptionSpecs> = CommonOptions & OptionValues<S>;

export interface ScenarioDefinition<S extends OptionSpecs> {
  readonly name: string;
  /** One line for --help. */
  readonly summary: string;
  readonly options: S;
  // Method syntax on purpose: it lets a registry hold scenarios with different options.
  run(options: ScenarioOptions<S>, signal: AbortSignal, log: LabLog): Promise<void>;
}

export function defineScenario<S extends OptionSpecs>(definition: ScenarioDefinition<S>): ScenarioDefinition<S> {
  return definition;
}

/** Defaults for every option, overridden by `given`: how tests build a scenario's options. */
export function scenarioOptions<S extends OptionSpecs>(
  definition: ScenarioDefinition<S>,
  given: Partial<ScenarioOptions<S>> = {},
): ScenarioOptions<S> {
  return { ...defaultValues(commonOptions), ...defaultValues(definition.options), ...given } as ScenarioOptions<S>;
}
