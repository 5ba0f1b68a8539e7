import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, configPathFrom, loadConfig, parseConfig } from '../../server/config/load';

const dir = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Runs `fn`, expects a ConfigError, and returns its message. */
function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err, `threw ${String(err)}`).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('loadConfig: environment', () => {
  it('defaults with an empty environment', () => {
    const config = loadConfig([], {});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.poll).toEqual({ intervalMs: 5000, requestTimeoutMs: 10_000, concurrency: 3, maxBackoffMs: 60_000, closeSweepMs: 1000, maxResponseBytes: 64 * 1024 ** 2 });
    expect(config.history).toEqual({ maxEvents: 2000, samplesPerSeries: 720, database: "./data/rabbitpulse.db", rawRetentionHours: 6, rollupRetentionDays: 7, eventRetentionDays: 30 });
    expect(config.targets).toEqual([
      {
        id: 'local',
        name: 'localhost',
        amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
        managementUrl: 'http://127.0.0.1:15672',
        username: 'guest',
        password: 'guest',
        pollIntervalMs: 5000,
        requestTimeoutMs: 10_000,
        maxResponseBytes: 64 * 1024 ** 2,
      },
    ]);
  });

  it('reads the management answer cap as bytes or a size, from the file or RABBITPULSE_MAX_RESPONSE_BYTES', () => {
    expect(loadConfig([], { RABBITPULSE_MAX_RESPONSE_BYTES: '128MiB' }).poll.maxResponseBytes).toBe(128 * 1024 ** 2);
    expect(loadConfig([], { RABBITPULSE_MAX_RESPONSE_BYTES: ' 1048576 ' }).targets[0]!.maxResponseBytes).toBe(1024 ** 2);
    expect(parseConfig({ poll: { maxResponseBytes: 33554432 }, targets: [{ id: 'a' }] }, 'test').targets[0]!.maxResponseBytes).toBe(32 * 1024 ** 2);
    expect(parseConfig({ poll: { maxResponseBytes: '16MiB' }, targets: [{ id: 'a' }] }, 'test').poll.maxResponseBytes).toBe(16 * 1024 ** 2);
  });

  it('reads PORT, HOST and the poll interval', () => {
    const config = loadConfig([], { PORT: '8080', HOST: '0.0.0.0', RABBITPULSE_POLL_INTERVAL_MS: '2000' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.poll.intervalMs).toBe(2000);
    expect(config.targets[0]!.pollIntervalMs).toBe(2000);
  });

  it('strips credentials from RABBITMQ_MANAGEMENT_URL and keeps them as username/password', () => {
    const t = loadConfig([], { RABBITMQ_MANAGEMENT_URL: 'http://admin:s%3Acret@mq.example:15672/' }).targets[0]!;
    expect(t.managementUrl).toBe('http://mq.example:15672');
    expect(t.username).toBe('admin');
    expect(t.password).toBe('s:cret');
  });

  it('takes RABBITMQ_MANAGEMENT_USER/PASSWORD for a URL without credentials', () => {
    const t = loadConfig([], { RABBITMQ_MANAGEMENT_URL: 'https://mq.example/', RABBITMQ_MANAGEMENT_USER: 'monitor', RABBITMQ_MANAGEMENT_PASSWORD: 'pw' }).targets[0]!;
    expect(t).toMatchObject({ managementUrl: 'https://mq.example', username: 'monitor', password: 'pw' });
  });

  it("falls back to RABBITMQ_URL's credentials for the management API", () => {
    const t = loadConfig([], { RABBITMQ_URL: 'amqp://bob:b%40b@mq.example:5672/prod' }).targets[0]!;
    expect(t).toMatchObject({ amqpUrl: 'amqp://bob:b%40b@mq.example:5672/prod', username: 'bob', password: 'b@b', managementUrl: 'http://127.0.0.1:15672' });
  });

  // A user name in the URL and the password in a separate secret variable is a common way to keep secrets out of URLs.
  it('keeps RABBITMQ_MANAGEMENT_PASSWORD when the management URL carries only a user name', () => {
    const t = loadConfig([], { RABBITMQ_MANAGEMENT_URL: 'http://monitor@mq.example:15672', RABBITMQ_MANAGEMENT_PASSWORD: 'pw' }).targets[0]!;
    expect(t).toMatchObject({ managementUrl: 'http://mq.example:15672', username: 'monitor', password: 'pw' });
  });

  it('uses guest/guest when no URL carries credentials', () => {
    const t = loadConfig([], { RABBITMQ_URL: 'amqp://mq.example' }).targets[0]!;
    expect(t).toMatchObject({ username: 'guest', password: 'guest' });
  });

  it('returns a frozen config', () => {
    const config = loadConfig([], {});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.targets)).toBe(true);
    expect(Object.isFrozen(config.targets[0])).toBe(true);
    expect(Object.isFrozen(config.poll)).toBe(true);
    expect(Object.isFrozen(config.history)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('loadConfig: files', () => {
  const yaml = file(
    'pulse.yaml',
    [
      'port: 4000',
      'poll:',
      '  intervalMs: 3000',
      'targets:',
      '  - id: prod',
      '    name: Production',
      '    managementUrl: https://monitor:secret@prod.example:15671',
      '  - id: staging',
      '    amqpUrl: amqp://stage:stagepw@staging.example',
      '    managementUrl: http://staging.example:15672',
      '    pollIntervalMs: 10000',
      '',
    ].join('\n'),
  );
  const json = file('pulse.json', JSON.stringify({ host: '::', targets: [{ id: 'a' }, { id: 'b', managementUrl: 'http://b.example:15672' }] }));

  it.each([
    ['--config file', [`--config`, yaml], {}],
    ['--config=file', [`--config=${yaml}`], {}],
    ['RABBITPULSE_CONFIG', [], { RABBITPULSE_CONFIG: yaml }],
  ])('reads YAML via %s', (_how, argv, env) => {
    const config = loadConfig(argv, env);
    expect(config.port).toBe(4000);
    expect(config.poll.intervalMs).toBe(3000);
    expect(config.targets.map((t) => [t.id, t.name, t.managementUrl, t.username, t.password, t.pollIntervalMs])).toEqual([
      ['prod', 'Production', 'https://prod.example:15671', 'monitor', 'secret', 3000],
      ['staging', 'staging', 'http://staging.example:15672', 'stage', 'stagepw', 10_000],
    ]);
  });

  it('reads JSON', () => {
    const config = loadConfig(['--config', json], {});
    expect(config.host).toBe('::');
    expect(config.targets.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('lets PORT, HOST and the poll interval from the environment override the file', () => {
    const config = loadConfig(['--config', yaml], { PORT: '5000', HOST: '10.0.0.1', RABBITPULSE_POLL_INTERVAL_MS: '7000' });
    expect([config.port, config.host, config.poll.intervalMs]).toEqual([5000, '10.0.0.1', 7000]);
    expect(config.targets[0]!.pollIntervalMs).toBe(7000);
  });

  it('--config wins over RABBITPULSE_CONFIG', () => {
    expect(loadConfig(['--config', json], { RABBITPULSE_CONFIG: yaml }).targets[0]!.id).toBe('a');
  });
});

describe('configPathFrom', () => {
  it.each([
    [['--config', 'a.yaml'], {}, 'a.yaml'],
    [['--dev', '--config=b.json'], {}, 'b.json'],
    [[], { RABBITPULSE_CONFIG: 'c.yml' }, 'c.yml'],
    [[], { RABBITPULSE_CONFIG: '' }, undefined],
    [['--dev'], {}, undefined],
  ])('%j %j → %j', (argv, env, expected) => {
    expect(configPathFrom(argv, env)).toBe(expected);
  });

  it.each([[['--config']], [['--config', '--dev']]])('%j without a file name is a ConfigError', (argv) => {
    expect(configError(() => configPathFrom(argv, {}))).toContain('--config');
  });
});

describe('loadConfig: alerts.consumerTimeoutMs (the brokers\' consumer_timeout)', () => {
  const withTimeout = (consumerTimeoutMs: unknown) => parseConfig({ alerts: { consumerTimeoutMs }, targets: [{ id: 'a' }] }, 'test');

  it("defaults to RabbitMQ's 30 min, and takes a value or 0 (turned off)", () => {
    expect(parseConfig({ targets: [{ id: 'a' }] }, 'test').alerts.consumerTimeoutMs).toBe(1_800_000);
    expect(withTimeout(3_600_000).alerts.consumerTimeoutMs).toBe(3_600_000);
    expect(withTimeout(0).alerts.consumerTimeoutMs).toBe(0);
  });

  it.each([
    // 30 is likely meant as seconds or minutes.
    [30, 'alerts.consumerTimeoutMs: must be the brokers\' consumer_timeout in milliseconds, such as 1800000 (30 min, RabbitMQ\'s default), or 0 if it is turned off (got 30)'],
    [-1, '(got -1)'],
    [1800000.5, '(got 1800000.5)'],
    ['30m', 'alerts.consumerTimeoutMs: must be number (got "30m")'],
  ])('%j is refused with a line naming the field and what to write', (value, fragment) => {
    const message = configError(() => withTimeout(value));
    expect(message).toContain(fragment);
    expect(message).toContain('alerts.consumerTimeoutMs');
  });
});

/** A config with these rule overrides and one target. */
const withRules = (rules: unknown) => parseConfig({ alerts: { rules }, targets: [{ id: 'a' }] }, 'test');

describe('loadConfig: rule overrides', () => {
  it('keeps overrides whose rules and parameters exist, within range', () => {
    const rules = { 'unbounded-prefetch': { forMs: 30_000, params: { unacked: 500 } }, 'slow-consumers': { params: { utilisation: 0.5, windowSeconds: 900 } }, 'node-alarm': { enabled: false } };
    expect(withRules(rules).alerts.rules).toEqual(rules);
  });

  it('an unknown rule offers no near-miss when none is close, and does not echo its settings', () => {
    const message = configError(() => withRules({ 'queue-full': { params: { messages: 5 } } }));
    expect(message).not.toContain('did you mean');
    expect(message).not.toContain('(got');
  });
});

describe('config errors: one line naming the field, the problem and the fix', () => {
  const cases: Array<{ case: string; run: () => unknown; contains: string[]; lacks?: string[] }> = [
    {
      case: 'bad management URL in the environment',
      run: () => loadConfig([], { RABBITMQ_MANAGEMENT_URL: 'not a url' }),
      // The user set a variable, not `targets[0].managementUrl`: the line names what they wrote.
      contains: ['environment: RABBITMQ_MANAGEMENT_URL: must be a URL such as http://', '(got "not a url")'],
      lacks: ['targets[0]'],
    },
    {
      case: 'bad AMQP URL in the environment',
      run: () => loadConfig([], { RABBITMQ_URL: 'rabbit.example:5672' }),
      contains: ['environment: RABBITMQ_URL: ', 'amqp://'],
      lacks: ['targets[0]'],
    },
    {
      case: 'bad URL in the second target of a file',
      run: () => loadConfig(['--config', file('bad-url.json', JSON.stringify({ targets: [{ id: 'a' }, { id: 'b', managementUrl: 'localhost 15672' }] }))], {}),
      contains: ['bad-url.json', 'targets[1].managementUrl', 'http://'],
    },
    {
      case: 'management URL with a non-http scheme',
      run: () => parseConfig({ targets: [{ id: 'a', managementUrl: 'amqp://h:15672' }] }, 'test'),
      contains: ['targets[0].managementUrl', 'http://', '"amqp://h:15672"'],
    },
    { case: 'non-numeric PORT', run: () => loadConfig([], { PORT: 'abc' }), contains: ['PORT', 'whole number', '"abc"', 'such as 3000'] },
    { case: 'port out of range', run: () => loadConfig([], { PORT: '70000' }), contains: ['environment: PORT: ', '65535', '70000'] },
    {
      case: 'poll interval below 1000',
      run: () => loadConfig([], { RABBITPULSE_POLL_INTERVAL_MS: '500' }),
      contains: ['environment: RABBITPULSE_POLL_INTERVAL_MS: ', 'at least 1000', '500'],
      lacks: ['poll.intervalMs'],
    },
    {
      case: 'management answer cap that is not a size',
      run: () => loadConfig([], { RABBITPULSE_MAX_RESPONSE_BYTES: 'lots' }),
      contains: ['environment: RABBITPULSE_MAX_RESPONSE_BYTES: must be a size from 64 KiB to 512 MiB, such as 64MiB', '"lots"'],
    },
    {
      case: 'management answer cap too small to hold any answer',
      run: () => parseConfig({ poll: { maxResponseBytes: 1000 }, targets: [{ id: 'a' }] }, 'test'),
      contains: ['poll.maxResponseBytes', 'from 64 KiB to 512 MiB', '(got 1000)'],
    },
    {
      case: 'management answer cap beyond what could ever be parsed',
      run: () => parseConfig({ poll: { maxResponseBytes: '1GiB' }, targets: [{ id: 'a' }] }, 'test'),
      contains: ['poll.maxResponseBytes', 'to 512 MiB', '"1GiB"'],
    },
    {
      case: 'per-target poll interval below 1000',
      run: () => parseConfig({ targets: [{ id: 'a', pollIntervalMs: 200 }] }, 'test'),
      contains: ['targets[0].pollIntervalMs', 'at least 1000'],
    },
    {
      case: 'duplicate target ids',
      run: () => parseConfig({ targets: [{ id: 'a' }, { id: 'b' }, { id: 'a' }] }, 'test'),
      contains: ['targets[2].id', 'duplicates id "a"', 'give each target its own id'],
    },
    {
      case: 'unknown key in a target',
      run: () => parseConfig({ targets: [{ id: 'a', managmentUrl: 'http://x' }] }, 'test'),
      contains: ['targets[0]', 'unknown setting "managmentUrl"', 'remove it or check its spelling'],
    },
    { case: 'unknown top-level key', run: () => parseConfig({ prot: 1, targets: [{ id: 'a' }] }, 'test'), contains: ['unknown setting "prot"'] },
    { case: 'no targets', run: () => parseConfig({ targets: [] }, 'test'), contains: ['targets', 'at least one broker'] },
    { case: 'bad target id', run: () => parseConfig({ targets: [{ id: 'Prod!' }] }, 'test'), contains: ['targets[0].id', 'lowercase'] },
    {
      case: 'missing file',
      run: () => loadConfig(['--config', path.join(dir, 'nope.yaml')], {}),
      contains: ['nope.yaml', 'cannot be read', 'ENOENT', 'check the path'],
    },
    {
      case: 'invalid YAML',
      run: () => loadConfig(['--config', file('broken.yaml', 'targets:\n  - id: a\n    name: x: y\n')], {}),
      contains: ['broken.yaml', 'not valid YAML', 'fix the syntax'],
    },
    {
      case: 'invalid JSON',
      run: () => loadConfig(['--config', file('broken.json', '{"targets": [{"id": "a",}]}')], {}),
      contains: ['broken.json', 'not valid JSON', 'fix the syntax'],
    },
    {
      case: 'a file that is a list',
      run: () => loadConfig(['--config', file('list.yaml', '- id: a\n')], {}),
      contains: ['list.yaml', 'must be a mapping with a "targets" list'],
    },
    {
      case: 'override of a misspelt rule in a file',
      run: () => loadConfig(['--config', file('rule-typo.yaml', 'alerts:\n  rules:\n    unbounded-prefech:\n      params: { unacked: 500 }\ntargets:\n  - id: a\n')], {}),
      contains: ['rule-typo.yaml', 'alerts.rules.unbounded-prefech: no such rule (did you mean unbounded-prefetch?); known rules: heartbeat-margin, '],
    },
    { case: 'override of an unknown rule', run: () => withRules({ 'queue-full': {} }), contains: ['alerts.rules.queue-full: no such rule; known rules: ', 'durability-mismatch'] },
    {
      case: 'misspelt parameter',
      run: () => withRules({ 'unbounded-prefetch': { params: { unaked: 500 } } }),
      contains: ['alerts.rules.unbounded-prefetch.params.unaked: no such parameter (did you mean unacked?); unbounded-prefetch takes unacked'],
    },
    {
      case: "another rule's parameter",
      run: () => withRules({ 'slow-consumers': { params: { threshold: 5 } } }),
      contains: ['alerts.rules.slow-consumers.params.threshold: no such parameter; slow-consumers takes utilisation, windowSeconds, ready'],
    },
    { case: 'parameter for a rule without any', run: () => withRules({ 'node-alarm': { params: { ratio: 0.5 } } }), contains: ['alerts.rules.node-alarm.params.ratio', 'takes none, so remove its params'] },
    {
      case: 'negative count',
      run: () => withRules({ 'unbounded-prefetch': { params: { unacked: -1 } } }),
      contains: ['alerts.rules.unbounded-prefetch.params.unacked: must be a whole number, 0 or more (got -1)'],
    },
    { case: 'fractional count', run: () => withRules({ 'reset-burst': { params: { closes: 2.5 } } }), contains: ['alerts.rules.reset-burst.params.closes: must be a whole number', '(got 2.5)'] },
    {
      case: 'percentage where a fraction belongs',
      run: () => withRules({ 'file-descriptors': { params: { ratio: 90 } } }),
      contains: ['alerts.rules.file-descriptors.params.ratio: must be a fraction from 0 to 1, such as 0.9 for 90 % (got 90)'],
    },
    {
      case: 'window longer than the engine remembers',
      run: () => withRules({ 'unacked-growth': { params: { windowSeconds: 3600 } } }),
      contains: ['alerts.rules.unacked-growth.params.windowSeconds: must be above 0 and at most 900 seconds', '(got 3600)'],
    },
    { case: 'empty window', run: () => withRules({ 'heartbeat-close': { params: { holdMinutes: 0 } } }), contains: ['alerts.rules.heartbeat-close.params.holdMinutes: must be above 0', '(got 0)'] },
    { case: 'parameter that is not a number', run: () => withRules({ 'round-trip-slow': { params: { p99Ms: '1s' } } }), contains: ['alerts.rules.round-trip-slow.params.p99Ms: must be number (got "1s")'] },
    // Turning a rule off must not hide a mistake that would bite when it is turned back on.
    { case: 'bad parameter of a disabled rule', run: () => withRules({ 'redelivery-loop': { enabled: false, params: { ratePerSec: -1 } } }), contains: ['alerts.rules.redelivery-loop.params.ratePerSec: must be 0 or more'] },
  ];

  it.each(cases)('$case', ({ run, contains, lacks = [] }) => {
    const message = configError(run);
    expect(message).not.toMatch(/[\r\n]/);
    for (const fragment of contains) expect(message).toContain(fragment);
    for (const fragment of lacks) expect(message).not.toContain(fragment);
  });
});

describe('config errors never show a password', () => {
  const SECRET = 'hunter2';
  const cases: Array<[string, () => unknown]> = [
    ['password of the wrong type', () => parseConfig({ targets: [{ id: 'a', password: 12345 }] }, 'test')],
    ['credentials in a management URL with a wrong scheme', () => parseConfig({ targets: [{ id: 'a', managementUrl: `ftp://admin:${SECRET}@h` }] }, 'test')],
    ['credentials in an AMQP URL with a wrong scheme', () => loadConfig([], { RABBITMQ_URL: `http://admin:${SECRET}@h:5672` })],
    ['a password containing "@"', () => parseConfig({ targets: [{ id: 'a', managementUrl: `ftp://admin:pa@${SECRET}@h` }] }, 'test')],
    ['a management URL missing its scheme', () => loadConfig([], { RABBITMQ_MANAGEMENT_URL: `admin:${SECRET}@mq.example:15672` })],
    ['invalid JSON next to a password', () => loadConfig(['--config', file('leak.json', `{"targets":[{"id":"a","password":${SECRET}}]}`)], {})],
    ['targets written as a mapping instead of a list', () => loadConfig(['--config', file('mapping.yaml', `targets:\n  id: prod\n  password: ${SECRET}\n`)], {})],
    ['invalid YAML next to a password', () => loadConfig(['--config', file('leak.yaml', `targets:\n  - id: a\n    password: ${SECRET}: x\n`)], {})],
  ];

  it.each(cases)('%s', (_case, run) => {
    const message = configError(run);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('12345');
  });
});
