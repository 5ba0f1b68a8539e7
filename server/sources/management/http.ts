import type { TargetStatusKind } from '../../contract';
import type { TargetConfig } from '../../config/schema';
import { formatSize } from '../../config/sizes';

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
  /** The largest answer read; a larger one fails as `too-large` once that much has arrived. */
  maxResponseBytes: number;
}

/** How to reach one target's management API; `timeoutMs` defaults to the target's own. */
export function requestOptionsOf(target: TargetConfig, timeoutMs = target.requestTimeoutMs): RequestOptions {
  return { baseUrl: target.managementUrl, username: target.username, password: target.password, timeoutMs, maxResponseBytes: target.maxResponseBytes };
}

/**
 * GETs one management path and parses it. Reads the body as text first so a
 * truncated or non-JSON reply is told apart from a network failure, and so
 * its size can be counted. `cancel` ends the request early (the rest of its
 * poll failed).
 */
export async function getJson(path: string, opts: RequestOptions, cancel?: AbortSignal): Promise<{ body: unknown; bytes: number }> {
  const url = opts.baseUrl + path;
  const endpoint = path.split('?')[0]!;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      headers: {
        authorization: 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64'),
        accept: 'application/json',
      },
      signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout,
    });
    text = (await readCapped(res, opts, endpoint)).toString('utf8');
  } catch (err) {
    if (err instanceof ManagementError) throw err;
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

/**
 * The body, read as it arrives and given up as soon as it passes the cap:
 * reading a runaway answer whole first (300 MB took the server to 2.4 GB of
 * memory, and again on every retry) is what the cap is there to prevent.
 * Cancelling the reader closes the connection, so the rest is never sent.
 */
async function readCapped(res: Response, opts: RequestOptions, endpoint: string): Promise<Buffer> {
  const max = opts.maxResponseBytes;
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (announced > max) {
    await res.body?.cancel();
    throw new ManagementError(tooLarge(endpoint, opts, announced));
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength;
    if (bytes > max) {
      await reader.cancel();
      throw new ManagementError(tooLarge(endpoint, opts, null));
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks, bytes);
}

function tooLarge(endpoint: string, opts: RequestOptions, announced: number | null): PollFailure {
  const size = announced === null ? `more than ${formatSize(opts.maxResponseBytes)}` : formatSize(announced);
  return {
    kind: 'too-large',
    message:
      `${endpoint} answered ${size}, over the limit of ${formatSize(opts.maxResponseBytes)} (poll.maxResponseBytes), so it was not read further. ` +
      `If the broker really has that many objects, raise poll.maxResponseBytes (or RABBITPULSE_MAX_RESPONSE_BYTES); otherwise check what answers at ${opts.baseUrl}.`,
  };
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
