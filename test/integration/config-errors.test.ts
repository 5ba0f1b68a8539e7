import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAppExpectingExit, tempDatabase } from '../support/app';

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

  it('does not print a password from the config', async () => {
    const r = await runAppExpectingExit({ config: { targets: [{ id: 'a', password: 12345 }] } });
    expectOneLineError(r, /targets\[0\]\.password/);
    expect(r.stderr).not.toContain('12345');
  });
});
