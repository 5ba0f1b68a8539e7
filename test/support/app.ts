import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventsResponse, StateResponse } from '../../server/contract';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What `npm start` runs: the compiled server (`npm run build` writes it). */
const SERVER_COMMAND = ['--enable-source-maps', 'dist/server/index.js'];

export interface RunningApp {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the app wrote to stdout and stderr so far. */
  output: () => string;
  getJson: <T>(p: string) => Promise<T>;
  state: () => Promise<StateResponse>;
  events: () => Promise<EventsResponse>;
  stop: () => Promise<number | null>;
  /** SIGKILL: no shutdown hooks, as when a machine or container dies. */
  kill: () => Promise<void>;
}

/** The defaults of every test app: no sign-in, which the server allows only on loopback. */
const NO_AUTH = { HOST: '127.0.0.1', RABBITPULSE_AUTH: 'none' };

/**
 * Starts the real server (production build, so `npm run build` must have run)
 * as a child process on a free port, exactly as `npm start` would, and
 * resolves once it says it is listening.
 */
export async function startApp(opts: { env?: Record<string, string>; args?: string[]; config?: unknown } = {}): Promise<RunningApp> {
  const args = [...(opts.args ?? [])];
  if (opts.config !== undefined) args.push('--config', writeTempConfig(opts.config));
  const child = spawn(process.execPath, [...SERVER_COMMAND, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: '0',
      RABBITPULSE_POLL_INTERVAL_MS: '1000',
      // Tests that are not about access use the explicit no-auth mode on loopback; auth tests set a password.
      ...NO_AUTH,
      // Each app gets its own history unless a test shares one on purpose (restarts).
      RABBITPULSE_DATABASE: tempDatabase(),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dieWithThisProcess(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within 30 s:\n${output}`)), 30_000);
    const onData = () => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with code ${code} before listening:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const getJson = async <T>(p: string): Promise<T> => {
    const res = await fetch(url + p);
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    url,
    port,
    process: child,
    output: () => output,
    getJson,
    state: () => getJson<StateResponse>('/api/v1/state'),
    events: () => getJson<EventsResponse>('/api/v1/events'),
    stop: () => stopProcess(child),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Runs the server with a config that should be refused, and returns how it exited. */
export async function runAppExpectingExit(opts: { env?: Record<string, string>; config?: unknown; rawConfig?: { text: string; ext: string } }) {
  const args: string[] = [];
  if (opts.config !== undefined) args.push('--config', writeTempConfig(opts.config));
  if (opts.rawConfig) args.push('--config', writeTempFile(opts.rawConfig.text, opts.rawConfig.ext));
  const child = spawn(process.execPath, [...SERVER_COMMAND, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: '0', ...NO_AUTH, RABBITPULSE_DATABASE: tempDatabase(), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 20_000);
    child.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, stdout, stderr };
}

/** A fresh SQLite path in its own temp folder. */
export function tempDatabase(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'rabbitpulse-db-')), 'history.db');
}

function writeTempConfig(config: unknown): string {
  return writeTempFile(JSON.stringify(config, null, 2), '.json');
}

function writeTempFile(text: string, ext: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rabbitpulse-test-'));
  const file = path.join(dir, `config${ext}`);
  writeFileSync(file, text);
  return file;
}

/**
 * An app must not outlive the test process that started it: a beforeAll that
 * fails after startApp (e.g. `Promise.all([startApp(), launchBrowser()])` with
 * no browser) leaves no handle to stop it, and an orphaned app keeps polling
 * the broker and burning CPU under every later test and benchmark.
 */
function dieWithThisProcess(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
