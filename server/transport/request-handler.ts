import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from '../auth/access';
import type { Principal } from '../auth/authorize';
import type { Logger } from '../log';
import { createGate } from './http/gate';
import { applySecurityHeaders } from './http/security-headers';

export interface RequestHandlerOptions {
  access: Access;
  api: (req: IncomingMessage, res: ServerResponse, principal: Principal) => Promise<boolean>;
  renderPage: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  dev: boolean;
  frameAncestors: readonly string[];
  log: Logger;
}

/**
 * Every HTTP request (socket.io's own are taken by engine.io before this):
 * security headers first, then the access gate, then the JSON API, then Next.
 */
export function createRequestHandler(opts: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const headerOptions = { dev: opts.dev, frameAncestors: opts.frameAncestors };
  const gate = createGate(opts.access, headerOptions);
  return (req, res) => {
    // Prefixing keeps a path such as `//evil.example/x` a path instead of a host.
    const url = new URL(`http://localhost${req.url ?? '/'}`);
    applySecurityHeaders(req, res, url.pathname, headerOptions);
    const decision = gate(req, res, url);
    if (!decision.pass) return;
    opts
      .api(req, res, decision.principal)
      .then((handled) => (handled ? undefined : opts.renderPage(req, res)))
      .catch((err: Error) => {
        opts.log.error(`${req.method} ${url.pathname}: ${err.stack ?? err.message}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      });
  };
}
