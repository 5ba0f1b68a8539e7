import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ZodError } from 'zod';
import { hashPassword } from '../auth/password';
import { sha256 } from '../auth/tokens';
import { configSchema, type Config, type ConfigInput, type TargetConfig } from './schema';

/** A configuration problem worth one line to the user, never a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
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
 * environment. Environment PORT/HOST override the file, so one file can serve
 * several deployments; RABBITMQ_* variables describe the single target used
 * when there is no file.
 */
export function loadConfig(argv: readonly string[], env: Env): Config {
  const file = configPathFrom(argv, env);
  const input: Record<string, unknown> = file ? readConfigFile(file) : { targets: [targetFromEnv(env)] };
  if (env.PORT !== undefined) input.port = intFromEnv('PORT', env.PORT, 'a port number such as 3000');
  if (env.HOST !== undefined) input.host = env.HOST;
  if (env.RABBITPULSE_DATABASE !== undefined) {
    const history = (typeof input.history === 'object' && input.history) || {};
    input.history = { ...history, database: env.RABBITPULSE_DATABASE };
  }
  if (env.RABBITPULSE_PROBES !== undefined) {
    const probes = (typeof input.probes === 'object' && input.probes) || {};
    input.probes = { ...probes, enabled: boolFromEnv('RABBITPULSE_PROBES', env.RABBITPULSE_PROBES) };
  }
  if (env.RABBITPULSE_EVENT_EXCHANGE !== undefined) {
    const eventExchange = (typeof input.eventExchange === 'object' && input.eventExchange) || {};
    input.eventExchange = { ...eventExchange, enabled: boolFromEnv('RABBITPULSE_EVENT_EXCHANGE', env.RABBITPULSE_EVENT_EXCHANGE) };
  }
  if (env.RABBITPULSE_POLL_INTERVAL_MS !== undefined) {
    const poll = (typeof input.poll === 'object' && input.poll) || {};
    input.poll = { ...poll, intervalMs: intFromEnv('RABBITPULSE_POLL_INTERVAL_MS', env.RABBITPULSE_POLL_INTERVAL_MS, 'milliseconds such as 5000') };
  }
  if (env.RABBITPULSE_MAX_RESPONSE_BYTES !== undefined) {
    // Checked by the schema like the file's value (a number of bytes or a size such as 64MiB).
    const poll = (typeof input.poll === 'object' && input.poll) || {};
    input.poll = { ...poll, maxResponseBytes: env.RABBITPULSE_MAX_RESPONSE_BYTES.trim() };
  }
  if (env.RABBITPULSE_AUTH !== undefined) {
    const auth = (typeof input.auth === 'object' && input.auth) || {};
    input.auth = { ...auth, mode: env.RABBITPULSE_AUTH.trim() };
  }
  const config = parseConfig(input, file ? `config file ${file}` : 'environment');
  return withAuthSecretsFromEnv(config, env);
}

const MIN_PASSWORD = 8;
const MIN_API_TOKEN = 20;

/**
 * The admin password and API token come from the environment as plain text;
 * only their hashes are kept, so the plain values never sit in the Config
 * that the rest of the server is handed.
 */
function withAuthSecretsFromEnv(config: Config, env: Env): Config {
  const password = env.RABBITPULSE_ADMIN_PASSWORD;
  const apiToken = env.RABBITPULSE_API_TOKEN;
  if (password === undefined && apiToken === undefined) return config;
  if (password !== undefined && password.length < MIN_PASSWORD) {
    throw new ConfigError(`environment: RABBITPULSE_ADMIN_PASSWORD: must be at least ${MIN_PASSWORD} characters; choose a longer password`);
  }
  if (apiToken !== undefined && apiToken.length < MIN_API_TOKEN) {
    throw new ConfigError(`environment: RABBITPULSE_API_TOKEN: must be at least ${MIN_API_TOKEN} characters; make one with \`openssl rand -base64 32\``);
  }
  return Object.freeze({
    ...config,
    auth: Object.freeze({
      ...config.auth,
      adminPasswordHash: password !== undefined ? hashPassword(password) : config.auth.adminPasswordHash,
      apiTokenHash: apiToken !== undefined ? sha256(apiToken) : config.auth.apiTokenHash,
    }),
  });
}

export function parseConfig(input: unknown, source: string): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(`${source}: ${describeFirstIssue(result.error, input)}`);
  const parsed = result.data;
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
      parsed.notifiers.map((n, i) => {
        if (!n.url && n.kind !== 'pagerduty') throw new ConfigError(`${source}: notifiers[${i}].url: is required for ${n.kind}; set it to the webhook URL`);
        return Object.freeze({
          id: n.id,
          kind: n.kind,
          name: n.name ?? n.id,
          // PagerDuty's Events API v2 has one endpoint; the routing key says where it goes.
          url: n.url ?? 'https://events.pagerduty.com/v2/enqueue',
          ...(n.secret !== undefined ? { secret: n.secret } : {}),
          minSeverity: n.minSeverity,
          rules: n.rules ?? null,
        });
      }),
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

function targetFromEnv(env: Env): ConfigInput['targets'][number] {
  const target: ConfigInput['targets'][number] = { id: 'local', name: env.RABBITPULSE_TARGET_NAME || 'localhost' };
  if (env.RABBITMQ_URL) target.amqpUrl = env.RABBITMQ_URL;
  if (env.RABBITMQ_MANAGEMENT_URL) target.managementUrl = env.RABBITMQ_MANAGEMENT_URL;
  if (env.RABBITMQ_MANAGEMENT_USER) target.username = env.RABBITMQ_MANAGEMENT_USER;
  if (env.RABBITMQ_MANAGEMENT_PASSWORD !== undefined) target.password = env.RABBITMQ_MANAGEMENT_PASSWORD;
  return target;
}

function intFromEnv(name: string, value: string, example: string): number {
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(`environment: ${name}: expected a whole number, got "${value}"; set it to ${example}`);
  return Number(value.trim());
}

function boolFromEnv(name: string, value: string): boolean {
  if (/^(1|true|on|yes)$/i.test(value.trim())) return true;
  if (/^(0|false|off|no)$/i.test(value.trim())) return false;
  throw new ConfigError(`environment: ${name}: expected on or off, got "${value}"; set it to on or off`);
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

/** Renders zod's first complaint as `field.path: problem (got "value")`. */
function describeFirstIssue(error: ZodError, input: unknown): string {
  const issue = error.issues[0]!;
  const where = formatPath(issue.path);
  const got = valueAt(input, issue.path);
  // A misspelt name (an unknown setting, rule or rule parameter) is wrong whatever its value.
  const aboutName = issue.code === 'unrecognized_keys' || (issue.code === 'custom' && issue.params?.about === 'name');
  const gotText = got === undefined || aboutName ? '' : ` (got ${redact(where, got)})`;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove it or check its spelling against README "Configuration"`;
  else if (issue.code === 'invalid_type' && got === undefined) message = 'is required';
  else if (issue.code === 'invalid_type') message = `must be ${issue.expected}`;
  return `${where || '(top level)'}: ${message}${gotText}`;
}

function formatPath(p: PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function valueAt(input: unknown, p: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Config errors are printed: never echo a password or a URL's credentials.
 * Anything before the last `@` of a string may be `user:password`, with or
 * without a scheme; objects and lists are not echoed at all.
 */
function redact(field: string, value: unknown): string {
  if (/password|secret|token/i.test(field)) return '"***"';
  if (typeof value === 'string') return `"${value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@')}"`;
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}
