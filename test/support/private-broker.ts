import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, sleep } from './wait';

/**
 * A second, throwaway RabbitMQ node for tests that must stop a broker or need
 * settings the machine's own broker does not have. It never touches
 * rabbit@localhost: its own node name, ports, config, data and log folders.
 *
 * The node runs as the `rabbitmq` user, as Debian's wrapper would run it, so
 * its folder is chowned to that user, and it reads the same Erlang cookie
 * (~rabbitmq/.erlang.cookie) as `rabbitmqctl` — which is why
 * `rabbitmqctl -n <node> stop` can stop it. That needs root.
 *
 * We do what the wrapper does ourselves instead of calling
 * `rabbitmq-server -detached`: spawn the real script in the foreground, as
 * rabbitmq, as the leader of a new process group (so signals aimed at the
 * test's group miss it). A node that fails to boot — a bad config line, say —
 * is then an exit we see at once, with its reason in boot.out, instead of a
 * silent timeout; "the VM is gone" is the script exiting; and one kill of the
 * group reaches the VM. (Through the wrapper, `su` puts the node in a session
 * of its own that we could not name, and -detached discards boot errors.)
 *
 * Measured here (RabbitMQ 3.10.8, 2 cores): start ≈ 5–8 s until the management
 * API answers and lists the AMQP listener; stop ≈ 6–8 s, of which clients are cut off after
 * ~2 s and the rest is one of the broker's own processes taking its full 5 s
 * shutdown timeout. `destroy()` kills instead (≈ 0.1 s), since nobody is
 * watching then.
 */

export interface PrivateBrokerOptions {
  amqpPort?: number;
  managementPort?: number;
  distPort?: number;
  /** Extra rabbitmq.conf lines, e.g. `{ max_message_size: '1048576' }`. */
  config?: Record<string, string>;
  /** How long `start()` waits for the node to answer; default 60 s. */
  startTimeoutMs?: number;
}

export interface PrivateBroker {
  readonly nodeName: string;
  readonly amqpUrl: string;
  readonly managementUrl: string;
  readonly amqpPort: number;
  readonly managementPort: number;
  /** The node's folder: config, data (mnesia/) and logs (log/). */
  readonly dir: string;
  /** Starts the node again after `stop()`; resolves when its management API answers and lists its AMQP listener. */
  start(): Promise<void>;
  /** Gracefully stops the node (clients get 320 CONNECTION_FORCED); resolves when the VM has exited. */
  stop(): Promise<void>;
  /** Kills the node if running and removes its folder. Safe to call twice. */
  destroy(): Promise<void>;
}

const execFileP = promisify(execFile);
const GUEST = 'Basic ' + Buffer.from('guest:guest').toString('base64');
/** The script the Debian wrapper /usr/sbin/rabbitmq-server runs as the rabbitmq user. */
const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
// rabbitmqctl's own distribution ports (RABBITMQ_CTL_DIST_PORT_MIN..MAX): keep our listeners off them.
const CLI_DIST_PORTS = { min: 35672, max: 35682 };

/**
 * If the test process dies without calling destroy() — a crash, a SIGKILL,
 * a Ctrl-C — this detached watchdog kills the node's process group and
 * removes its folder, so no broker outlives the run. (A process 'exit'
 * handler would miss SIGKILL.) It runs under dash: `kill -9 -PGID`, no `--`.
 */
const WATCHDOG = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
[ -f "$2" ] && kill -9 "-$(cat "$2")" 2>/dev/null
rm -rf "$3"
`;

export async function startPrivateBroker(options: PrivateBrokerOptions = {}): Promise<PrivateBroker> {
  const amqpPort = options.amqpPort ?? (await listenablePort());
  const managementPort = options.managementPort ?? (await listenablePort());
  const distPort = options.distPort ?? (await listenablePort());
  const nodeName = `pulse-test-${randomBytes(4).toString('hex')}@localhost`;
  const dir = mkdtempSync(join(tmpdir(), 'pulse-broker-'));
  const pgidFile = join(dir, 'vm.pgid');
  const bootOut = join(dir, 'boot.out');
  const amqpUrl = `amqp://guest:guest@127.0.0.1:${amqpPort}`;
  const managementUrl = `http://127.0.0.1:${managementPort}`;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const label = `private broker ${nodeName} (${dir})`;

  const config = {
    'listeners.tcp.default': `127.0.0.1:${amqpPort}`,
    'management.tcp.ip': '127.0.0.1',
    'management.tcp.port': String(managementPort),
    loopback_users: 'none',
    ...options.config,
  };
  writeFileSync(join(dir, 'rabbitmq.conf'), Object.entries(config).map(([k, v]) => `${k} = ${v}\n`).join(''));
  writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_management,rabbitmq_event_exchange].\n');
  mkdirSync(join(dir, 'mnesia'));
  mkdirSync(join(dir, 'log'));
  const user = rabbitmqUser();
  chownFolder(dir, user);

  const env: NodeJS.ProcessEnv = {
    ...withoutRabbitmqVars(process.env),
    // What the Debian wrapper's `su rabbitmq` would set; HOME is where the Erlang cookie lives.
    HOME: user.home,
    USER: 'rabbitmq',
    LOGNAME: 'rabbitmq',
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    // Point away from /etc/rabbitmq/advanced.config, should one ever appear.
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_CRASH_DUMP: join(dir, 'erl_crash.dump'),
  };

  const watchdog = spawn('sh', ['-c', WATCHDOG, 'pulse-broker-watchdog', String(process.pid), pgidFile, dir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();

  /** The running node: the rabbitmq-server script and its VM, one process group led by the script. */
  let vm: { pgid: number; exited: boolean; exit: Promise<void> } | undefined;

  function launch(): NonNullable<typeof vm> {
    const out = openSync(bootOut, 'a');
    const child = spawn(RABBITMQ_SERVER, [], {
      env,
      cwd: dir,
      uid: user.uid,
      gid: user.gid,
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    child.unref();
    child.once('error', () => {}); // a failed spawn leaves child.pid undefined, handled below
    if (child.pid === undefined) throw new Error(`${label}: could not run ${RABBITMQ_SERVER} (is RabbitMQ installed? are we root?)`);
    writeFileSync(pgidFile, String(child.pid));
    const running = { pgid: child.pid, exited: false, exit: Promise.resolve() };
    running.exit = new Promise<void>((resolve) =>
      child.once('exit', () => {
        running.exited = true;
        rmSync(pgidFile, { force: true });
        resolve();
      }),
    );
    return running;
  }

  /**
   * Up means this node — not whatever else may hold a port — answers on its management port and
   * lists its AMQP listener (the management API can answer before the listener is up, or fails).
   */
  async function isUp(): Promise<boolean> {
    try {
      const res = await fetch(`${managementUrl}/api/overview`, { headers: { authorization: GUEST }, signal: AbortSignal.timeout(2_000) });
      if (!res.ok) return false;
      const overview = (await res.json()) as { node?: string; listeners?: Array<{ node: string; protocol: string; port: number }> };
      const listening = overview.listeners?.some((l) => l.node === nodeName && l.protocol === 'amqp' && l.port === amqpPort);
      return overview.node === nodeName && listening === true;
    } catch {
      return false;
    }
  }

  async function start(): Promise<void> {
    if (vm && !vm.exited) throw new Error(`${label} is already running`);
    const running = (vm = launch());
    const deadline = Date.now() + startTimeoutMs;
    while (!(await isUp())) {
      if (running.exited || Date.now() > deadline) {
        const why = running.exited ? 'it exited while booting' : `it did not answer within ${startTimeoutMs} ms`;
        throw new Error(`${label} failed to start: ${why}.${bootFailure(bootOut)}`);
      }
      await sleep(250);
    }
  }

  async function stop(): Promise<void> {
    const running = vm;
    if (!running || running.exited) return;
    await execFileP('rabbitmqctl', ['-n', nodeName, 'stop'], { env: withoutRabbitmqVars(process.env), timeout: 60_000 }).catch(
      (err: Error) => {
        throw new Error(`${label}: rabbitmqctl stop failed (cookie? epmd?): ${err.message}`);
      },
    );
    const deadline = Date.now() + 15_000;
    while (!running.exited) {
      if (Date.now() > deadline) throw new Error(`${label} still running 15 s after rabbitmqctl stop`);
      await sleep(100);
    }
  }

  let destroyed = false;
  async function destroy(): Promise<void> {
    if (destroyed) return;
    destroyed = true;
    watchdog.kill();
    if (vm && !vm.exited) {
      try {
        process.kill(-vm.pgid, 'SIGKILL');
      } catch {
        // ESRCH: it exited on its own a moment ago
      }
      await vm.exit;
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const broker: PrivateBroker = { nodeName, amqpUrl, managementUrl, amqpPort, managementPort, dir, start, stop, destroy };
  try {
    await start();
  } catch (err) {
    await destroy();
    throw err;
  }
  return broker;
}

/** A free loopback port that is not one rabbitmqctl may claim for itself. */
async function listenablePort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < CLI_DIST_PORTS.min || port > CLI_DIST_PORTS.max) return port;
  }
}

interface SystemUser {
  uid: number;
  gid: number;
  home: string;
}

function rabbitmqUser(): SystemUser {
  const [, , uid, gid, , home] = execFileSync('getent', ['passwd', 'rabbitmq'], { encoding: 'utf8' }).trim().split(':');
  return { uid: Number(uid), gid: Number(gid), home: home! };
}

/** The folder and what we put in it (config files, empty data and log folders). */
function chownFolder(dir: string, { uid, gid }: SystemUser): void {
  for (const path of [dir, ...readdirSync(dir).map((name) => join(dir, name))]) chownSync(path, uid, gid);
}

/** The caller's environment minus RABBITMQ_* (test URLs, say), which rabbitmq-env would otherwise pick up. */
function withoutRabbitmqVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = { ...env };
  for (const key of Object.keys(kept)) if (key.startsWith('RABBITMQ_')) delete kept[key];
  return kept;
}

/** What a failed boot said: its first error lines (the cause comes before the crash report), then its last lines. */
function bootFailure(file: string): string {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  } catch {
    return '';
  }
  // Crash-report lines are indented further; the cause's own lines by at most a few spaces.
  const errors = lines.filter((l) => /\[error\] <[\d.]+> {0,3}\S/.test(l)).slice(0, 10);
  return `\nIts output (${file}):\n${[...errors, '...', ...lines.slice(-3)].join('\n')}`;
}
