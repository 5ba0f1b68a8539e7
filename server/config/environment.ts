import { closestName } from '../shared/closest-name';

type Env = Record<string, string | undefined>;

/** A place in the config's input, as the config file spells it: ['poll', 'intervalMs'], ['targets', 0, 'amqpUrl']. */
export type InputPath = readonly (string | number)[];

/** What one variable's text says: a value for the config, a problem, or nothing (as if unset). */
type Reading = { value: unknown } | { problem: string } | null;

interface EnvVariable {
  name: string;
  /** Where its value goes in the config input; none for those read elsewhere (the config file's path, the secrets that are hashed, the tools'). */
  path?: InputPath;
  /** Describes the one broker watched without a config file: a file lists the brokers, so it is ignored then. */
  target?: true;
  read?: (raw: string) => Reading;
}

const text = (raw: string): Reading => ({ value: raw });
const trimmed = (raw: string): Reading => ({ value: raw.trim() });
// An empty URL or name is taken as unset, as a shell's `RABBITMQ_URL=` usually means.
const nonEmpty = (raw: string): Reading => (raw ? { value: raw } : null);

const wholeNumber =
  (example: string) =>
  (raw: string): Reading =>
    /^\d+$/.test(raw.trim()) ? { value: Number(raw.trim()) } : { problem: `expected a whole number, got "${raw}"; set it to ${example}` };

const onOff = (raw: string): Reading => {
  if (/^(1|true|on|yes)$/i.test(raw.trim())) return { value: true };
  if (/^(0|false|off|no)$/i.test(raw.trim())) return { value: false };
  return { problem: `expected on or off, got "${raw}"; set it to on or off` };
};

/**
 * Every variable rabbitpulse reads, and where each goes in the config (README
 * "Configuration"). The one list serves three ends: reading them, naming the
 * variable in an error about its value, and telling a misspelt one apart.
 */
const ENV_VARIABLES: readonly EnvVariable[] = [
  { name: 'RABBITPULSE_CONFIG' },
  { name: 'PORT', path: ['port'], read: wholeNumber('a port number such as 3000') },
  { name: 'HOST', path: ['host'], read: text },
  { name: 'RABBITPULSE_DATABASE', path: ['history', 'database'], read: text },
  { name: 'RABBITPULSE_PROBES', path: ['probes', 'enabled'], read: onOff },
  { name: 'RABBITPULSE_EVENT_EXCHANGE', path: ['eventExchange', 'enabled'], read: onOff },
  { name: 'RABBITPULSE_POLL_INTERVAL_MS', path: ['poll', 'intervalMs'], read: wholeNumber('milliseconds such as 5000') },
  // Checked by the schema like the file's value (a number of bytes or a size such as 64MiB).
  { name: 'RABBITPULSE_MAX_RESPONSE_BYTES', path: ['poll', 'maxResponseBytes'], read: trimmed },
  { name: 'RABBITPULSE_AUTH', path: ['auth', 'mode'], read: trimmed },
  { name: 'RABBITPULSE_ADMIN_PASSWORD' },
  { name: 'RABBITPULSE_API_TOKEN' },
  { name: 'RABBITPULSE_TARGET_NAME', path: ['targets', 0, 'name'], target: true, read: nonEmpty },
  { name: 'RABBITMQ_URL', path: ['targets', 0, 'amqpUrl'], target: true, read: nonEmpty },
  { name: 'RABBITMQ_MANAGEMENT_URL', path: ['targets', 0, 'managementUrl'], target: true, read: nonEmpty },
  { name: 'RABBITMQ_MANAGEMENT_USER', path: ['targets', 0, 'username'], target: true, read: nonEmpty },
  // An empty password is a password.
  { name: 'RABBITMQ_MANAGEMENT_PASSWORD', path: ['targets', 0, 'password'], target: true, read: text },
  // Read by the project's own tools (the benchmark's profiler, the browser tests), which pass them through the server's environment.
  { name: 'RABBITPULSE_BENCH_PROFILE_DIR' },
  { name: 'RABBITPULSE_UPDATE_DOCS' },
];

const KNOWN_NAMES = ENV_VARIABLES.map((v) => v.name);

/** The variables that look meant for rabbitpulse (a misspelt prefix too, such as RABBITPLUSE_ or RABBIT_MQ_). */
const LOOKS_OURS = /^rabbit/i;

/** The one broker watched when there is no config file, before the environment's settings are applied. */
export const DEFAULT_TARGET = { id: 'local', name: 'localhost' } as const;

export interface EnvironmentInput {
  /** The config input with the environment's settings applied. */
  input: Record<string, unknown>;
  /** The variable each setting came from, by its path as errors print it (`targets[0].managementUrl`). */
  origins: ReadonlyMap<string, string>;
  /** Values that cannot be read at all, each naming its variable. */
  problems: string[];
}

/**
 * Applies the environment's settings to the config input (a config file's
 * contents, or the one local broker without a file): PORT, HOST and the
 * RABBITPULSE_* settings override the file, so one file can serve several
 * deployments; RABBITMQ_* describe the single broker watched without one.
 */
export function applyEnvironment(base: Record<string, unknown>, env: Env, hasFile: boolean): EnvironmentInput {
  let input: Record<string, unknown> = base;
  const origins = new Map<string, string>();
  const problems: string[] = [];
  for (const variable of ENV_VARIABLES) {
    const raw = env[variable.name];
    if (raw === undefined || !variable.path || !variable.read || (variable.target && hasFile)) continue;
    const reading = variable.read(raw);
    if (reading === null) continue;
    if ('problem' in reading) {
      problems.push(`environment: ${variable.name}: ${reading.problem}`);
      continue;
    }
    input = setIn(input, variable.path, reading.value) as Record<string, unknown>;
    origins.set(formatPath(variable.path), variable.name);
  }
  return { input, origins, problems };
}

/**
 * One warning per variable that looks meant for rabbitpulse but is not read:
 * a misspelt name would otherwise silently leave the default in place.
 */
export function environmentWarnings(env: Env, file: string | undefined): string[] {
  const warnings: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (env[name] === undefined || !LOOKS_OURS.test(name) || KNOWN_NAMES.includes(name)) continue;
    const near = closestName(name, KNOWN_NAMES);
    warnings.push(`environment: ${name} is not a rabbitpulse setting and is ignored${near ? ` (did you mean ${near}?)` : ''}`);
  }
  if (file !== undefined) {
    for (const variable of ENV_VARIABLES) {
      if (variable.target && variable.path && env[variable.name] !== undefined) {
        warnings.push(`environment: ${variable.name} is ignored: the config file ${file} lists the brokers (set ${String(variable.path.at(-1))} there)`);
      }
    }
  }
  return warnings;
}

/** `targets[0].managementUrl`: a path as config errors print it. */
export function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** A copy of `container` with `value` at `path`; what is in the way (a file's `poll: 5`) is replaced, as the variable wins. */
function setIn(container: unknown, path: InputPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof key === 'number') {
    const list: unknown[] = Array.isArray(container) ? [...container] : [];
    list[key] = setIn(list[key], rest, value);
    return list;
  }
  const record: Record<string, unknown> = container !== null && typeof container === 'object' && !Array.isArray(container) ? { ...container } : {};
  record[key] = setIn(record[key], rest, value);
  return record;
}
