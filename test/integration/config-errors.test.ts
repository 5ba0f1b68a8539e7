import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAppExpectingExit, startApp, tempDatabase } from '../support/app';

/** A bad configuration stops the real process at once with one line that names the field and the fix. */
describe('start-up with a bad configuration', () => {
  const expectOneLineError = (r: { code: number | null; stdout: string; stderr: string }, ...patterns: RegExp[]) => {
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rabbitpulse: configuration error: /);
    for (const p of patterns) expect(lines[0]).toMatch(p);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect(r.stdout).not.toMatch(/listening/);
  };

  it('rejects a malformed management URL in a config file, naming the target field', async () => {
    const r = await runAppExpectingExit({ config: { targets: [{ id: 'a' }, { id: 'b', managementUrl: 'not a url' }] } });
    expectOneLineError(r, /targets\[1\]\.managementUrl/, /must be a URL such as http:\/\/127\.0\.0\.1:15672/);
  });

  it('rejects a non-numeric PORT from the environment', async () => {
    const r = await runAppExpectingExit({ env: { PORT: 'eighty' } });
    expectOneLineError(r, /PORT/, /expected a whole number, got "eighty"/);
  });

  it('rejects invalid YAML and says which file', async () => {
    const r = await runAppExpectingExit({ rawConfig: { text: 'targets:\n  - id: a\n   bad: [', ext: '.yaml' } });
    expectOneLineError(r, /config file .*config\.yaml/, /not valid YAML/);
  });

  // Rules are checked with the rest of the config: the history database is never opened.
  it('rejects an override of a misspelt rule before anything starts', async () => {
    const database = tempDatabase();
    const r = await runAppExpectingExit({ config: { alerts: { rules: { 'unbounded-prefech': { params: { unacked: 500 } } } }, targets: [{ id: 'a' }] }, env: { RABBITPULSE_DATABASE: database } });
    expectOneLineError(r, /alerts\.rules\.unbounded-prefech: no such rule \(did you mean unbounded-prefetch\?\); known rules: heartbeat-margin, /);
    expect(existsSync(database)).toBe(false);
  });

  it('rejects a rule parameter outside its range, naming the parameter and the range', async () => {
    const r = await runAppExpectingExit({ config: { alerts: { rules: { 'slow-consumers': { params: { utilisation: 20 } } } }, targets: [{ id: 'a' }] } });
    expectOneLineError(r, /alerts\.rules\.slow-consumers\.params\.utilisation: must be a fraction from 0 to 1/, /\(got 20\)/);
  });

  it('names the variable a bad value came from, not the setting it feeds', async () => {
    const r = await runAppExpectingExit({ env: { RABBITMQ_MANAGEMENT_URL: 'localhost:15672' } });
    expectOneLineError(r, /: environment: RABBITMQ_MANAGEMENT_URL: must be a URL such as http:\/\/127\.0\.0\.1:15672 \(got "localhost:15672"\)$/);
    expect(r.stderr).not.toContain('targets[0]');
  });

  it('does not print a password from the config', async () => {
    const r = await runAppExpectingExit({ config: { targets: [{ id: 'a', password: 12345 }] } });
    expectOneLineError(r, /targets\[0\]\.password/);
    expect(r.stderr).not.toContain('12345');
  });
});

describe('start-up with several problems', () => {
  // One start shows everything to fix: the unread variable, then each wrong setting, whatever its source.
  it('warns of an unread variable and reports every wrong setting, one line each, then stops', async () => {
    const r = await runAppExpectingExit({
      config: { prot: 3000, poll: { concurency: 2 }, targets: [{ id: 'a', managementUrl: 'localhost:15672' }] },
      env: { PORT: 'eighty', RABBITMQ_MANAGMENT_URL: 'http://127.0.0.1:15672' },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/listening/);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/ warn environment: RABBITMQ_MANAGMENT_URL is not a rabbitpulse setting and is ignored \(did you mean RABBITMQ_MANAGEMENT_URL\?\)$/);
    // The config file lists the brokers, so the one broker's variables are not read (the misspelt one is not either).
    const errors = lines.slice(1);
    expect(errors.every((line) => line.startsWith('rabbitpulse: configuration error: '))).toBe(true);
    expect(errors.map((line) => line.replace(/^.*?error: /, '').replace(/config file \S+: /, 'file: ')).sort()).toEqual([
      'environment: PORT: expected a whole number, got "eighty"; set it to a port number such as 3000',
      'file: (top level): unknown setting "prot" (did you mean port?); remove it or check its spelling against README "Configuration"',
      'file: poll: unknown setting "concurency" (did you mean concurrency?); remove it or check its spelling against README "Configuration"',
      'file: targets[0].managementUrl: must be a URL such as http://127.0.0.1:15672 (got "localhost:15672")',
    ]);
  });

  it('starts despite an unread variable, having named it', async () => {
    const app = await startApp({ env: { RABBITPULSE_PROBES: 'off', RABBITPULSE_POLL_INTERVAL: '2000' } });
    try {
      expect(app.output()).toMatch(/ warn environment: RABBITPULSE_POLL_INTERVAL is not a rabbitpulse setting and is ignored \(did you mean RABBITPULSE_POLL_INTERVAL_MS\?\)\n/);
    } finally {
      await app.stop();
    }
  });
});
