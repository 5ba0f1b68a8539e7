import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, ManagementError, type RequestOptions } from '../../server/sources/management/http';
import { pollOnce } from '../../server/sources/management/poll-once';
import { streamJsonList } from '../support/misbehaving-api';

/**
 * The cap on a management answer, against a real HTTP server: a larger
 * answer fails as `too-large` once the cap is passed, and the rest is never
 * read (the server sees the connection go), whether or not it said its size.
 */
const MiB = 1024 ** 2;
const CAP = 4 * MiB;
const BODY = 200 * MiB;

describe('management answers larger than poll.maxResponseBytes', () => {
  let server: Server;
  let base: string;
  /** Bytes written per path before the client went away. */
  const sent = new Map<string, number>();
  const open = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url!.split('?')[0]!;
      open.add(res);
      res.once('close', () => open.delete(res));
      if (path === '/api/connections') void streamJsonList(res, BODY, (n) => sent.set(path, n));
      else if (path === '/api/channels') {
        // Says its size up front: refused before reading any of it.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(BODY) });
        res.write('[');
        sent.set(path, 1);
      } else if (path === '/api/nodes') void streamJsonList(res, 1000);
      else if (path === '/api/overview') res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else if (path === '/api/queues') {
        // Slow: still running when another endpoint of the same poll fails.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  const options = (overrides: Partial<RequestOptions> = {}): RequestOptions => ({
    baseUrl: base,
    username: 'guest',
    password: 'guest',
    timeoutMs: 20_000,
    maxResponseBytes: CAP,
    ...overrides,
  });
  const failureOf = async (promise: Promise<unknown>) => {
    const err = await promise.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ManagementError);
    return (err as ManagementError).failure;
  };
  const closedByClient = (path: string) => new Promise<void>((resolve) => {
    const check = () => ([...open].some((r) => r.req.url!.startsWith(path)) ? setTimeout(check, 20) : resolve());
    check();
  });

  it('stops reading a streamed answer just past the cap and says which endpoint, the cap and the setting', async () => {
    const failure = await failureOf(getJson('/api/connections?columns=name', options()));
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toBe(
      `/api/connections answered more than 4 MiB, over the limit of 4 MiB (poll.maxResponseBytes), so it was not read further. ` +
        `If the broker really has that many objects, raise poll.maxResponseBytes (or RABBITPULSE_MAX_RESPONSE_BYTES); otherwise check what answers at ${base}.`,
    );
    await closedByClient('/api/connections');
    // The server could write ahead into socket buffers, but nowhere near the whole answer.
    expect(sent.get('/api/connections')!).toBeLessThan(CAP + 16 * MiB);
  });

  it('refuses an answer whose announced length is over the cap without reading it', async () => {
    const failure = await failureOf(getJson('/api/channels', options()));
    expect(failure).toMatchObject({ kind: 'too-large' });
    expect(failure.message).toMatch(/^\/api\/channels answered 200 MiB, over the limit of 4 MiB \(poll\.maxResponseBytes\)/);
    await closedByClient('/api/channels');
  });

  it('reads an answer within the cap as before, counting its bytes', async () => {
    const { body, bytes } = await getJson('/api/nodes', options());
    expect(Array.isArray(body)).toBe(true);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(CAP);
  });

  it('fails the whole poll on the first answer over the cap and cancels the requests still running', async () => {
    const started = Date.now();
    const failure = await failureOf(pollOnce(options(), 6));
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toMatch(/^\/api\/(connections|channels) answered/);
    // /api/queues never finishes on its own: the poll's failure must have closed it.
    await closedByClient('/api/queues');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
