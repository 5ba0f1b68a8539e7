import type { TargetStatusKind } from '../../contract';
import type { TargetConfig } from '../../config/schema';

/** A failed management request, classified so the dashboard can say what to fix. */
export interface PollFailure {
  kind: Exclude<TargetStatusKind, 'ok' | 'starting'>;
  message: string;
}

export class ManagementError extends Error {
  override name = 'ManagementError';
  constructor(readonly failure: PollFailure) {
    super(failure.message);
  }
}

export interface RequestOptions {
  baseUrl: string; // without credentials
  username: string;
  password: string;
  timeoutMs: number;
}

/** How to reach one target's management API; `timeoutMs` defaults to the target's own. */
export function requestOptionsOf(target: TargetConfig, timeoutMs = target.requestTimeoutMs): RequestOptions {
  return { baseUrl: target.managementUrl, username: target.username, password: target.password, timeoutMs };
}

/**
 * GETs one management path and parses it. Reads the body as text first so a
 * truncated or non-JSON reply is told apart from a network failure, and so
 * its size can be counted.
 */
export async function getJson(path: string, opts: RequestOptions): Promise<{ body: unknown; bytes: number }> {
  const url = opts.baseUrl + path;
  const endpoint = path.split('?')[0]!;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      headers: {
        authorization: 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64'),
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    throw new ManagementError(classifyNetworkError(err, opts, endpoint));
  }
  if (res.status === 401) {
    throw new ManagementError({
      kind: 'unauthorized',
      message: `The management API rejected the credentials of user "${opts.username}" (HTTP 401); check the username and password for this target.`,
    });
  }
  if (res.status === 403) {
    throw new ManagementError({
      kind: 'forbidden',
      message: `User "${opts.username}" may not read ${endpoint} (HTTP 403); give it the monitoring tag: rabbitmqctl set_user_tags ${opts.username} monitoring`,
    });
  }
  if (!res.ok) {
    throw new ManagementError({ kind: 'http-error', message: `${endpoint} answered HTTP ${res.status} ${res.statusText}`.trim() + '.' });
  }
  try {
    return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
  } catch {
    const type = res.headers.get('content-type') ?? 'no content type';
    const looksJson = /json/.test(type) || /^\s*[[{]/.test(text);
    throw new ManagementError({
      kind: 'bad-response',
      message: looksJson
        ? `${endpoint} sent truncated or malformed JSON (${text.length} bytes); is a proxy cutting responses?`
        : `${endpoint} answered with ${type}, not JSON; is ${opts.baseUrl} really the RabbitMQ management API?`,
    });
  }
}

function classifyNetworkError(err: unknown, opts: RequestOptions, endpoint: string): PollFailure {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return { kind: 'timeout', message: `The management API did not answer ${endpoint} within ${formatSec(opts.timeoutMs)}; the broker may be overloaded or the network slow.` };
  }
  const code = e.cause?.code ?? (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'refused',
      message: `Nothing is listening at ${opts.baseUrl} (connection refused); check the port, and that the plugin is on: rabbitmq-plugins enable rabbitmq_management`,
    };
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return { kind: 'unreachable', message: `The connection to ${opts.baseUrl} was cut while reading ${endpoint} (${code}).` };
  }
  const detail = code ?? e.cause?.message ?? e.message;
  return { kind: 'unreachable', message: `Cannot reach ${opts.baseUrl} (${detail}); check the host name and the network.` };
}

function formatSec(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
