import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../server/config/load';
import { environmentWarnings } from '../../server/config/environment';

const dir = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-config-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Runs `fn`, expects a ConfigError, and returns its lines. */
function problems(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err, `threw ${String(err)}`).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const ignored = (name: string, near?: string) => `environment: ${name} is not a rabbitpulse setting and is ignored${near ? ` (did you mean ${near}?)` : ''}`;

describe('variables that are set but not read are warned about by name', () => {
  const cases: Array<{ case: string; env: Record<string, string>; file?: string; warnings: string[] }> = [
    { case: 'a misspelt management URL', env: { RABBITMQ_MANAGMENT_URL: 'http://mq:15672' }, warnings: [ignored('RABBITMQ_MANAGMENT_URL', 'RABBITMQ_MANAGEMENT_URL')] },
    { case: 'a missing unit suffix', env: { RABBITPULSE_POLL_INTERVAL: '2000' }, warnings: [ignored('RABBITPULSE_POLL_INTERVAL', 'RABBITPULSE_POLL_INTERVAL_MS')] },
    { case: 'lower case', env: { rabbitmq_url: 'amqp://mq' }, warnings: [ignored('rabbitmq_url', 'RABBITMQ_URL')] },
    { case: 'a misspelt prefix', env: { RABBITPLUSE_AUTH: 'none' }, warnings: [ignored('RABBITPLUSE_AUTH', 'RABBITPULSE_AUTH')] },
    { case: 'a variable for something else, with no near miss', env: { RABBITMQ_NODENAME: 'rabbit@mq' }, warnings: [ignored('RABBITMQ_NODENAME')] },
    {
      case: 'several, one line each in name order',
      env: { RABBITPULSE_DATABSE: './x.db', RABBITMQ_MANAGEMENT_PASS: 'pw' },
      warnings: [ignored('RABBITMQ_MANAGEMENT_PASS', 'RABBITMQ_MANAGEMENT_PASSWORD'), ignored('RABBITPULSE_DATABSE', 'RABBITPULSE_DATABASE')],
    },
    { case: "other programs' variables", env: { PATH: '/usr/bin', HOME: '/root', HOSTNAME: 'h', NODE_ENV: 'production', PORTS: '1' }, warnings: [] },
    {
      case: 'every variable rabbitpulse and its tools read',
      env: {
        PORT: '1', HOST: 'h', RABBITMQ_URL: 'u', RABBITMQ_MANAGEMENT_URL: 'u', RABBITMQ_MANAGEMENT_USER: 'u', RABBITMQ_MANAGEMENT_PASSWORD: 'p',
        RABBITPULSE_TARGET_NAME: 'n', RABBITPULSE_POLL_INTERVAL_MS: '1', RABBITPULSE_MAX_RESPONSE_BYTES: '1', RABBITPULSE_DATABASE: 'd',
        RABBITPULSE_CONFIG: 'c', RABBITPULSE_ADMIN_PASSWORD: 'p', RABBITPULSE_API_TOKEN: 't', RABBITPULSE_AUTH: 'a', RABBITPULSE_PROBES: 'on',
        RABBITPULSE_EVENT_EXCHANGE: 'on', RABBITPULSE_BENCH_PROFILE_DIR: 'd', RABBITPULSE_UPDATE_DOCS: '1',
      },
      warnings: [],
    },
    {
      case: "the one broker's variables beside a config file that lists the brokers",
      env: { RABBITMQ_URL: 'amqp://mq', RABBITMQ_MANAGEMENT_PASSWORD: 'pw', PORT: '4000' },
      file: 'brokers.yaml',
      warnings: [
        'environment: RABBITMQ_URL is ignored: the config file brokers.yaml lists the brokers (set amqpUrl there)',
        'environment: RABBITMQ_MANAGEMENT_PASSWORD is ignored: the config file brokers.yaml lists the brokers (set password there)',
      ],
    },
  ];

  it.each(cases)('$case', ({ env, file: configFile, warnings }) => {
    expect(environmentWarnings(env, configFile)).toEqual(warnings);
  });

  it('a warning does not stop start-up, and is given before any error stops it', () => {
    const heard: string[] = [];
    const config = loadConfig([], { RABBITMQ_MANAGMENT_URL: 'http://mq.example:15672' }, (w) => heard.push(w));
    expect(heard).toEqual([ignored('RABBITMQ_MANAGMENT_URL', 'RABBITMQ_MANAGEMENT_URL')]);
    // The misspelt variable was not read: the default stands.
    expect(config.targets[0]!.managementUrl).toBe('http://127.0.0.1:15672');

    heard.length = 0;
    expect(problems(() => loadConfig([], { RABBITPULSE_AUTH_MODE: 'none', PORT: 'x' }, (w) => heard.push(w)))).toHaveLength(1);
    expect(heard).toEqual([ignored('RABBITPULSE_AUTH_MODE', 'RABBITPULSE_AUTH')]);
  });
});

describe('a bad value from a variable is reported under the variable, not the config path', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['RABBITMQ_MANAGEMENT_URL', { RABBITMQ_MANAGEMENT_URL: 'localhost:15672' }, 'environment: RABBITMQ_MANAGEMENT_URL: must be a URL such as http://127.0.0.1:15672 (got "localhost:15672")'],
    ['RABBITMQ_URL', { RABBITMQ_URL: 'mq.example:5672' }, 'environment: RABBITMQ_URL: must be a URL such as amqp://guest:guest@127.0.0.1:5672 (got "mq.example:5672")'],
    ['RABBITMQ_URL with credentials', { RABBITMQ_URL: 'http://admin:hunter2@mq:5672' }, 'environment: RABBITMQ_URL: must be a URL such as amqp://guest:guest@127.0.0.1:5672 (got "http://***@mq:5672")'],
    ['PORT that is not a number', { PORT: 'eighty' }, 'environment: PORT: expected a whole number, got "eighty"; set it to a port number such as 3000'],
    ['PORT out of range', { PORT: '70000' }, 'environment: PORT: must be a port number from 1 to 65535, or 0 for a free one (got 70000)'],
    ['HOST', { HOST: '' }, 'environment: HOST: must be an address to listen on, such as 127.0.0.1 or 0.0.0.0 (got "")'],
    ['RABBITPULSE_POLL_INTERVAL_MS', { RABBITPULSE_POLL_INTERVAL_MS: '500' }, 'environment: RABBITPULSE_POLL_INTERVAL_MS: must be at least 1000 (the broker refreshes stats every 5000 ms) (got 500)'],
    ['RABBITPULSE_MAX_RESPONSE_BYTES', { RABBITPULSE_MAX_RESPONSE_BYTES: '1KiB' }, 'environment: RABBITPULSE_MAX_RESPONSE_BYTES: must be a size from 64 KiB to 512 MiB, such as 64MiB or 67108864 (got "1KiB")'],
    ['RABBITPULSE_DATABASE', { RABBITPULSE_DATABASE: '' }, 'environment: RABBITPULSE_DATABASE: must be a file path such as ./data/rabbitpulse.db (got "")'],
    ['RABBITPULSE_AUTH', { RABBITPULSE_AUTH: 'pasword' }, 'environment: RABBITPULSE_AUTH: must be password or none (got "pasword")'],
    ['RABBITPULSE_PROBES', { RABBITPULSE_PROBES: 'maybe' }, 'environment: RABBITPULSE_PROBES: expected on or off, got "maybe"; set it to on or off'],
    ['RABBITPULSE_EVENT_EXCHANGE', { RABBITPULSE_EVENT_EXCHANGE: '2' }, 'environment: RABBITPULSE_EVENT_EXCHANGE: expected on or off, got "2"; set it to on or off'],
    ['RABBITPULSE_ADMIN_PASSWORD', { RABBITPULSE_ADMIN_PASSWORD: 'short' }, 'environment: RABBITPULSE_ADMIN_PASSWORD: must be at least 8 characters; choose a longer password'],
  ];

  it.each(cases)('%s', (_name, env, line) => {
    expect(problems(() => loadConfig([], env))).toEqual([line]);
  });

  it('beside a config file, a variable that overrides the file is named, and the file names its own settings', () => {
    const yaml = file('mixed.yaml', 'poll:\n  concurrency: 9\ntargets:\n  - id: a\n');
    expect(problems(() => loadConfig(['--config', yaml], { PORT: '-1', RABBITPULSE_POLL_INTERVAL_MS: '10' }))).toEqual([
      'environment: PORT: expected a whole number, got "-1"; set it to a port number such as 3000',
      `environment: RABBITPULSE_POLL_INTERVAL_MS: must be at least 1000 (the broker refreshes stats every 5000 ms) (got 10)`,
      `config file ${yaml}: poll.concurrency: Too big: expected number to be <=6 (got 9)`,
    ]);
  });
});

describe('every problem at once, one line each', () => {
  it('reports each wrong variable', () => {
    expect(problems(() => loadConfig([], { PORT: 'x', RABBITMQ_URL: 'mq:5672', RABBITPULSE_AUTH: 'off', RABBITPULSE_API_TOKEN: 'short' }))).toEqual([
      'environment: PORT: expected a whole number, got "x"; set it to a port number such as 3000',
      'environment: RABBITPULSE_API_TOKEN: must be at least 20 characters; make one with `openssl rand -base64 32`',
      'environment: RABBITPULSE_AUTH: must be password or none (got "off")',
      'environment: RABBITMQ_URL: must be a URL such as amqp://guest:guest@127.0.0.1:5672 (got "mq:5672")',
    ]);
  });

  it('reports each wrong setting of a file, with near misses for misspelt names', () => {
    const json = file(
      'typos.json',
      JSON.stringify({
        prot: 3000,
        poll: { intervalMs: 5, concurency: 2 },
        targets: [{ id: 'a', managmentUrl: 'http://mq:15672' }, { id: 'a' }],
        notifiers: [{ id: 'chat', kind: 'slack' }],
      }),
    );
    const lines = problems(() => loadConfig(['--config', json], {}));
    expect([...lines].sort()).toEqual(
      [
        'poll.intervalMs: must be at least 1000 (the broker refreshes stats every 5000 ms) (got 5)',
        'poll: unknown setting "concurency" (did you mean concurrency?); remove it or check its spelling against README "Configuration"',
        'notifiers[0].url: is required for slack; set it to the webhook URL',
        'targets[0]: unknown setting "managmentUrl" (did you mean managementUrl?); remove it or check its spelling against README "Configuration"',
        'targets[1].id: duplicates id "a"; give each target its own id (got "a")',
        '(top level): unknown setting "prot" (did you mean port?); remove it or check its spelling against README "Configuration"',
      ]
        .map((line) => `config file ${json}: ${line}`)
        .sort(),
    );
  });

  it('gives two unknown names in one place a line each', () => {
    expect(problems(() => parseConfig({ targets: [{ id: 'a', usrname: 'u', pasword: 'p' }] }, 'test'))).toEqual([
      'test: targets[0]: unknown setting "usrname" (did you mean username?); remove it or check its spelling against README "Configuration"',
      'test: targets[0]: unknown setting "pasword" (did you mean password?); remove it or check its spelling against README "Configuration"',
    ]);
  });
});

describe('"did you mean" for a misspelt setting, wherever it is', () => {
  const cases: Array<[string, Record<string, unknown>, string, string | null]> = [
    ['top level', { hots: '::' }, '(top level): unknown setting "hots"', 'host'],
    ['poll', { poll: { maxBackofMs: 1000 } }, 'poll: unknown setting "maxBackofMs"', 'maxBackoffMs'],
    ['history', { history: { maxEvent: 10 } }, 'history: unknown setting "maxEvent"', 'maxEvents'],
    ['probes', { probes: { heartbeatSecs: 5 } }, 'probes: unknown setting "heartbeatSecs"', 'heartbeatSec'],
    ['probes.largeMessage', { probes: { largeMessage: { size: ['1KiB'] } } }, 'probes.largeMessage: unknown setting "size"', 'sizes'],
    ['alerts', { alerts: { consumerTimeout: 0 } }, 'alerts: unknown setting "consumerTimeout"', 'consumerTimeoutMs'],
    ['a rule override', { alerts: { rules: { 'unbounded-prefetch': { forMS: 1000 } } } }, 'alerts.rules.unbounded-prefetch: unknown setting "forMS"', 'forMs'],
    ['a notifier', { notifiers: [{ id: 'n', kind: 'pagerduty', secret: 'k', minSeverty: 'info' }] }, 'notifiers[0]: unknown setting "minSeverty"', 'minSeverity'],
    ['delivery', { delivery: { giveUpAfter: 1000 } }, 'delivery: unknown setting "giveUpAfter"', 'giveUpAfterMs'],
    ['auth', { auth: { trustProxies: true } }, 'auth: unknown setting "trustProxies"', 'trustProxy'],
    ['eventExchange', { eventExchange: { brokerLogs: false } }, 'eventExchange: unknown setting "brokerLogs"', 'brokerLog'],
    ['a target, nothing near', { targets: [{ id: 'b', colour: 'red' }] }, 'targets[0]: unknown setting "colour"', null],
  ];

  it.each(cases)('%s', (_where, settings, start, near) => {
    const [line, ...rest] = problems(() => parseConfig({ targets: [{ id: 'a' }], ...settings }, 'test'));
    expect(rest).toEqual([]);
    expect(line).toBe(`test: ${start}${near ? ` (did you mean ${near}?)` : ''}; remove it or check its spelling against README "Configuration"`);
  });
});

describe('ConfigError', () => {
  it('keeps its lines, and its message is those lines', () => {
    const error = new ConfigError(['a: one', 'b: two']);
    expect(error.problems).toEqual(['a: one', 'b: two']);
    expect(error.message).toBe('a: one\nb: two');
    expect(new ConfigError('c: three').problems).toEqual(['c: three']);
  });
});
