// What the capture scenarios use to reach the private broker: amqplib
// connections with a chosen name, its management API, rabbitmqctl, and a
// child client process that can be blocked or killed.

import amqp, { type ChannelModel } from 'amqplib';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PrivateBroker } from '../../test/support/private-broker';

const execFileP = promisify(execFile);

export interface ConnectOptions {
  heartbeat?: number;
  user?: string;
  password?: string;
  vhost?: string;
}

export interface Broker {
  readonly node: PrivateBroker;
  /** Opens a connection whose client-provided name is `name`; its errors are swallowed (the broker closing it is the point). */
  connect(name: string, o?: ConnectOptions): Promise<ChannelModel>;
  management(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<unknown>;
  rabbitmqctl(...args: string[]): Promise<void>;
}

export function brokerClients(node: PrivateBroker): Broker {
  const auth = 'Basic ' + Buffer.from('guest:guest').toString('base64');
  return {
    node,
    async connect(name, o = {}) {
      const url = new URL(node.amqpUrl);
      if (o.user !== undefined) url.username = encodeURIComponent(o.user);
      if (o.password !== undefined) url.password = encodeURIComponent(o.password);
      if (o.vhost !== undefined) url.pathname = '/' + encodeURIComponent(o.vhost);
      if (o.heartbeat !== undefined) url.searchParams.set('heartbeat', String(o.heartbeat));
      const model = await amqp.connect(url.toString(), { clientProperties: { connection_name: name }, timeout: 10_000 });
      model.on('error', () => {});
      return model;
    },
    async management(method, path, body, headers = {}) {
      const res = await fetch(node.managementUrl + path, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      const text = await res.text();
      return text ? JSON.parse(text) : undefined;
    },
    async rabbitmqctl(...args) {
      // Without the caller's RABBITMQ_* variables, as private-broker.ts's stop() runs it.
      const env = { ...process.env };
      for (const key of Object.keys(env)) if (key.startsWith('RABBITMQ_')) delete env[key];
      await execFileP('rabbitmqctl', ['-n', node.nodeName, ...args], { env, timeout: 60_000 });
    },
  };
}

export interface ChildClient {
  readonly process: ChildProcess;
  /** Resolves when the child printed this line; rejects if it exits first. */
  said(line: string): Promise<void>;
  kill(): Promise<void>;
}

/**
 * test/support/blocking-client.ts in a child process: it connects, says
 * `connected`, and 3 s later blocks its event loop (no I/O, no heartbeats) for
 * `blockSec`. Killing it with SIGKILL before then drops its TCP connection
 * without a close frame.
 */
export function blockingChild(amqpUrl: string, name: string, heartbeatSec: number, blockSec: number): ChildClient {
  const script = fileURLToPath(new URL('../../test/support/blocking-client.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script, name, String(heartbeatSec), String(blockSec)], {
    env: { ...process.env, RABBITMQ_URL: amqpUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.filter((w) => w.line === line)) w.resolve();
  });
  const exited = once(child, 'exit');
  const died = exited.then(() => {
    throw new Error(`client ${JSON.stringify(name)} exited (code ${child.exitCode}) before saying it was ready`);
  });
  died.catch(() => {}); // only the said() that races it reports it
  return {
    process: child,
    said: (line) => (lines.includes(line) ? Promise.resolve() : Promise.race([new Promise<void>((resolve) => waiters.push({ line, resolve })), died])),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
