import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventsResponse, HealthResponse } from '../contract';
import type { Hub } from '../state/hub';

export interface ApiOptions {
  hub: Hub;
  version: string;
  startedAt: number;
}

/**
 * The JSON API for scripts and tests. Returns false for paths it does not
 * own, so the caller can hand them to Next. Read-only: nothing here changes
 * state, so GET (and HEAD) is all it accepts.
 */
export function createApiHandler(opts: ApiOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { hub } = opts;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/healthz' && !path.startsWith('/api/v1/') && path !== '/api/v1') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { error: `${req.method} is not allowed here; this API is read-only (GET)` });
      return true;
    }
    if (path === '/healthz') {
      const body: HealthResponse = {
        ok: true,
        uptimeSec: Math.round((Date.now() - opts.startedAt) / 1000),
        version: opts.version,
        targets: hub.targets().map((t) => ({ id: t.id, status: t.status().kind })),
      };
      sendJson(res, 200, body);
      return true;
    }
    if (path === '/api/v1/state') {
      const state = hub.state();
      const target = url.searchParams.get('target');
      if (target && !hub.store(target)) return notFound(res, `no target "${target}"; known: ${hub.targets().map((t) => t.id).join(', ')}`);
      sendJson(res, 200, target ? { ...state, targets: state.targets.filter((t) => t.id === target) } : state);
      return true;
    }
    if (path === '/api/v1/events') {
      const limitParam = url.searchParams.get('limit');
      const limit = limitParam === null ? 200 : Number(limitParam);
      if (!Number.isInteger(limit) || limit < 1) return badRequest(res, 'limit must be a positive whole number');
      const body: EventsResponse = { serverTime: Date.now(), events: hub.events(limit, url.searchParams.get('target') ?? undefined) };
      sendJson(res, 200, body);
      return true;
    }
    const series = /^\/api\/v1\/targets\/([^/]+)\/(connections|queues)\/([^/]+)\/series$/.exec(path);
    if (series) {
      const [, targetId, kind, rawId] = series as unknown as [string, string, string, string];
      const store = hub.store(decodeURIComponent(targetId));
      if (!store) return notFound(res, `no target "${decodeURIComponent(targetId)}"`);
      const id = decodeURIComponent(rawId);
      const samples = kind === 'connections' ? store.connectionSamples(id) : store.queueSamples(id);
      if (!samples) return notFound(res, `no ${kind === 'connections' ? 'connection' : 'queue'} "${id}" on target "${store.id}"`);
      sendJson(res, 200, { samples });
      return true;
    }
    return notFound(res, `no such endpoint ${path}; see README "HTTP API"`);
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

function notFound(res: ServerResponse, error: string): true {
  sendJson(res, 404, { error });
  return true;
}

function badRequest(res: ServerResponse, error: string): true {
  sendJson(res, 400, { error });
  return true;
}
