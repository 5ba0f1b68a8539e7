import { flagName, type OptionSpecs } from '../support/options';
import { commonOptions, type ScenarioDefinition } from '../support/scenario';

function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([key, spec]) => [`  ${flagName(key)} ${spec.placeholder}`, `${spec.help} (default: ${spec.describeDefault})`] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => left.padEnd(width) + right);
}

export function helpText(scenarios: readonly ScenarioDefinition<OptionSpecs>[], scenario?: ScenarioDefinition<OptionSpecs>): string {
  if (scenario) {
    const own = Object.keys(scenario.options).length > 0 ? ['', `${scenario.name} options:`, ...optionLines(scenario.options)] : [];
    return [
      `usage: npm run lab -- ${scenario.name} [options]`,
      '',
      scenario.summary,
      ...own,
      '',
      'common options:',
      ...optionLines(commonOptions),
      '',
      'Sizes accept 20480, 20K (decimal), 20KiB (binary), 1M, 1MiB. Ctrl-C stops and cleans up.',
    ].join('\n');
  }
  const width = Math.max(...scenarios.map((s) => s.name.length)) + 4;
  return [
    'usage: npm run lab -- <scenario> [options]',
    '',
    'Reproduces a RabbitMQ client failure on a real broker and prints what rabbitpulse should show.',
    'Everything it creates (lab.* queues, lab-* connections) is removed when it ends.',
    '',
    'scenarios:',
    ...scenarios.map((s) => `  ${s.name.padEnd(width)}${s.summary}`),
    '',
    'common options:',
    ...optionLines(commonOptions),
    '',
    'npm run lab -- <scenario> --help lists that scenario\'s own options.',
  ].join('\n');
}
