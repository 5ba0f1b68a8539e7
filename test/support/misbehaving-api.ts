import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour = 'html' | 'truncated' | 'hang' | 'wrong-shape';

/**
 * A real HTTP server on a free loopback port that answers like a broken
 * management API: an HTML login page, JSON cut off mid-body, no answer at
 * all, or JSON of the wrong shape.
 */
export async function startMisbehavingApi(kind: Misbehaviour): Promise<{ url: string; close: () => Promise<void> }> {
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
      case 'hang':
        return; // never answers; the client's timeout must fire
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
