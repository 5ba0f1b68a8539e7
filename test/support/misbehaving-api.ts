import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour = 'html' | 'truncated' | 'hang' | 'wrong-shape' | 'huge';

/** What a misbehaving API saw of its huge answers. */
export interface HugeStats {
  /** Bytes of each huge answer written before the client went away (or it ended), in order. */
  sent: number[];
}

/** The size of the runaway answer in the reliability issue. */
export const HUGE_BODY_BYTES = 300 * 1024 ** 2;

/**
 * A real HTTP server on a free loopback port that answers like a broken
 * management API: an HTML login page, JSON cut off mid-body, no answer at
 * all, JSON of the wrong shape, or (`huge`) a well-formed but 300 MB list of
 * connections, streamed without a length as a broker with an enormous
 * fleet (or a proxy gone wrong) would, and small valid answers elsewhere.
 */
export async function startMisbehavingApi(kind: Misbehaviour): Promise<{ url: string; close: () => Promise<void>; huge: HugeStats }> {
  const huge: HugeStats = { sent: [] };
  const server: Server = createServer((req, res) => {
    switch (kind) {
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
        return;
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json' }).end('[{"name":"127.0.0.1:1 -> 127.0.0.1:5672","tim');
        return;
      case 'wrong-shape':
        res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/api/overview') ? '{}' : '{"error":"nope"}');
        return;
      case 'huge':
        if (req.url?.startsWith('/api/connections?columns=')) {
          const index = huge.sent.push(0) - 1;
          void streamJsonList(res, HUGE_BODY_BYTES, (bytes) => (huge.sent[index] = bytes));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/api/overview') ? '{}' : '[]');
        }
        return;
      case 'hang':
        return; // never answers; the client's timeout must fire
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    huge,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ROW = JSON.stringify({ name: '10.0.0.1:50000 -> 10.0.0.2:5672', user: 'guest', vhost: '/', timeout: 60, recv_oct: 1234, state: 'running' });

/**
 * Writes a JSON list of about `totalBytes` as fast as the client reads it
 * (chunked, no content-length), stopping early when the client goes away.
 * `progress` gets the bytes written so far after every chunk.
 */
export async function streamJsonList(res: ServerResponse, totalBytes: number, progress: (bytes: number) => void = () => {}): Promise<number> {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.from(`${`${ROW},`.repeat(Math.floor(64 * 1024 / (ROW.length + 1)))}`);
  let sent = 0;
  let gone = false;
  const closed = once(res, 'close').then(() => (gone = true));
  const write = (data: Buffer | string) => {
    sent += Buffer.byteLength(data);
    progress(sent);
    return res.write(data);
  };
  write('[');
  while (!gone && sent + chunk.length < totalBytes) {
    if (!write(chunk)) await Promise.race([once(res, 'drain').catch(() => undefined), closed]);
  }
  if (!gone) res.end(`${ROW}]`);
  return sent;
}
