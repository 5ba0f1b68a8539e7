import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { hashPassword } from '../auth/password';
import { sha256 } from '../auth/tokens';
import { describeIssues } from './describe-issues';
import { applyEnvironment, DEFAULT_TARGET, environmentWarnings } from './environment';
import { configSchema, type Config, type TargetConfig } from './schema';

/**
 * What is wrong with the configuration, one line per problem (all of them, so
 * one start shows everything to fix), never a stack trace.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('\n'));
    this.problems = list;
  }
}

type Env = Record<string, string | undefined>;

/** Reads `--config <file>` / `--config=<file>` or RABBITPULSE_CONFIG. */
export function configPathFrom(argv: readonly string[], env: Env): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config') {
      const next = argv[i + 1];
      if (!next || next.startsWith('--')) throw new ConfigError('--config: missing file name; use --config ./rabbitpulse.yaml');
      return next;
    }
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
  }
  return env.RABBITPULSE_CONFIG || undefined;
}

/**
 * Builds the validated, frozen Config from a config file (if any) and the
 * environment (environment.ts says which variables go where). `warn` hears,
 * before anything is checked, of variables that are set but not read (a
 * misspelt name would otherwise silently keep the default). Every problem
 * found is in the one ConfigError thrown.
 */
export function loadConfig(argv: readonly string[], env: Env, warn: (message: string) => void = () => {}): Config {
  const file = configPathFrom(argv, env);
  for (const warning of environmentWarnings(env, file)) warn(warning);
  const base: Record<string, unknown> = file ? readConfigFile(file) : { targets: [{ ...DEFAULT_TARGET }] };
  const { input, origins, problems } = applyEnvironment(base, env, file !== undefined);
  problems.push(...secretProblems(env));
  const checked = checkConfig(input, file ? `config file ${file}` : 'environment', origins);
  if ('problems' in checked) problems.push(...checked.problems);
  if (problems.length > 0 || !('config' in checked)) throw new ConfigError(problems);
  return withAuthSecretsFromEnv(checked.config, env);
}

const MIN_PASSWORD = 8;
const MIN_API_TOKEN = 20;

function secretProblems(env: Env): string[] {
  const problems: string[] = [];
  const password = env.RABBITPULSE_ADMIN_PASSWORD;
  const apiToken = env.RABBITPULSE_API_TOKEN;
  if (password !== undefined && password.length < MIN_PASSWORD) {
    problems.push(`environment: RABBITPULSE_ADMIN_PASSWORD: must be at least ${MIN_PASSWORD} characters; choose a longer password`);
  }
  if (apiToken !== undefined && apiToken.length < MIN_API_TOKEN) {
    problems.push(`environment: RABBITPULSE_API_TOKEN: must be at least ${MIN_API_TOKEN} characters; make one with \`openssl rand -base64 32\``);
  }
  return problems;
}

/**
 * The admin password and API token come from the environment as plain text;
 * only their hashes are kept, so the plain values never sit in the Config
 * that the rest of the server is handed.
 */
function withAuthSecretsFromEnv(config: Config, env: Env): Config {
  const password = env.RABBITPULSE_ADMIN_PASSWORD;
  const apiToken = env.RABBITPULSE_API_TOKEN;
  if (password === undefined && apiToken === undefined) return config;
  return Object.freeze({
    ...config,
    auth: Object.freeze({
      ...config.auth,
      adminPasswordHash: password !== undefined ? hashPassword(password) : config.auth.adminPasswordHash,
      apiTokenHash: apiToken !== undefined ? sha256(apiToken) : config.auth.apiTokenHash,
    }),
  });
}

/** Validates a config input (a file's contents, say) and builds the frozen Config; throws a ConfigError naming every problem. */
export function parseConfig(input: unknown, source: string): Config {
  const checked = checkConfig(input, source, new Map());
  if ('problems' in checked) throw new ConfigError(checked.problems);
  return checked.config;
}

/** `origins`: the environment variable that set each setting (by printed path), so an error names what the user wrote. */
function checkConfig(input: unknown, source: string, origins: ReadonlyMap<string, string>): { config: Config } | { problems: string[] } {
  const result = configSchema.safeParse(input);
  if (!result.success) return { problems: describeIssues(result.error, input, source, origins) };
  return { config: buildConfig(result.data) };
}

function buildConfig(parsed: z.output<typeof configSchema>): Config {
  const targets = parsed.targets.map((t): TargetConfig => {
    const { url, username, password } = splitCredentials(t.managementUrl);
    const amqp = new URL(t.amqpUrl);
    return Object.freeze({
      id: t.id,
      name: t.name ?? t.id,
      amqpUrl: t.amqpUrl,
      managementUrl: url,
      // Management credentials: in the URL, else explicit, else the AMQP URL's, else RabbitMQ's default.
      username: username ?? t.username ?? (amqp.username ? decodeURIComponent(amqp.username) : 'guest'),
      password: password ?? t.password ?? (amqp.username ? decodeURIComponent(amqp.password) : 'guest'),
      pollIntervalMs: t.pollIntervalMs ?? parsed.poll.intervalMs,
      requestTimeoutMs: t.requestTimeoutMs ?? parsed.poll.requestTimeoutMs,
      maxResponseBytes: parsed.poll.maxResponseBytes,
    });
  });
  return Object.freeze({
    host: parsed.host,
    port: parsed.port,
    poll: Object.freeze({ ...parsed.poll }),
    history: Object.freeze({ ...parsed.history }),
    probes: Object.freeze({ ...parsed.probes, largeMessage: Object.freeze({ ...parsed.probes.largeMessage }) }),
    eventExchange: Object.freeze({ ...parsed.eventExchange }),
    alerts: Object.freeze({ ...parsed.alerts }),
    notifiers: Object.freeze(
      parsed.notifiers.map((n) =>
        Object.freeze({
          id: n.id,
          kind: n.kind,
          name: n.name ?? n.id,
          // PagerDuty's Events API v2 has one endpoint; the routing key says where it goes.
          url: n.url ?? 'https://events.pagerduty.com/v2/enqueue',
          ...(n.secret !== undefined ? { secret: n.secret } : {}),
          minSeverity: n.minSeverity,
          rules: n.rules ?? null,
        }),
      ),
    ) as Config['notifiers'],
    delivery: Object.freeze({ ...parsed.delivery }),
    auth: Object.freeze({
      mode: parsed.auth.mode,
      adminPasswordHash: parsed.auth.adminPasswordHash ?? null,
      apiTokenHash: null,
      sessionHours: parsed.auth.sessionHours,
      loginAttemptsPerMinute: parsed.auth.loginAttemptsPerMinute,
      secureCookies: parsed.auth.secureCookies,
      trustProxy: parsed.auth.trustProxy,
      frameAncestors: Object.freeze([...parsed.auth.frameAncestors]) as string[],
    }),
    targets: Object.freeze(targets) as TargetConfig[],
  });
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`config file ${file}: cannot be read (${code ?? 'error'}); check the path given to --config or RABBITPULSE_CONFIG`);
  }
  const ext = path.extname(file).toLowerCase();
  let data: unknown;
  try {
    data = ext === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    // JSON.parse quotes the surrounding source text, which may hold a password: give only YAML's positional message.
    const detail = ext === '.json' ? 'check quotes, commas and brackets' : (err as Error).message.split('\n')[0];
    throw new ConfigError(`config file ${file}: is not valid ${ext === '.json' ? 'JSON' : 'YAML'} (${detail}); fix the syntax`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`config file ${file}: must be a mapping with a "targets" list; see README "Configuration"`);
  }
  return data as Record<string, unknown>;
}

function splitCredentials(raw: string): { url: string; username?: string; password?: string } {
  const u = new URL(raw);
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  // `http://monitor@host` names a user but leaves the password to the other settings.
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/$/, ''), username, password };
}
