import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait';

/**
 * How the receiver answers one request: a status, a full reply (optionally
 * after a delay), or 'hang' — read the request and never answer, so the
 * sender's timeout must fire.
 */
export type ScriptedReply = number | 'hang' | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

export interface ReceivedRequest {
  /** Date.now() when the whole body had arrived. */
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes, for signature checks. */
  body: Buffer;
  json: () => any;
}

export interface WebhookReceiver {
  /** Includes a token-like path, so tests can check it never shows up in errors. */
  url: string;
  requests: ReceivedRequest[];
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port that records every request and
 * answers from a script, one entry per request in order; the last entry
 * repeats once the script runs out (`[500]` fails forever, `[500, 200]`
 * succeeds from the second request on).
 */
export async function startWebhookReceiver(script: ScriptedReply[] = [200]): Promise<WebhookReceiver> {
  if (script.length === 0) throw new Error('startWebhookReceiver: the script needs at least one reply');
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      const reply = script[Math.min(requests.length - 1, script.length - 1)]!;
      if (reply === 'hang') return;
      const { status, headers = {}, body: text = '', delayMs = 0 } = typeof reply === 'number' ? { status: reply } : reply;
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/T000/SECRET-PATH-TOKEN`,
    requests,
    waitForRequests: (count, timeoutMs = 10_000) =>
      waitFor(`${count} request(s) at the webhook receiver`, () => requests.length >= count && requests, { timeoutMs, intervalMs: 20 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
