import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventsResponse, HealthResponse, HistoryHealth, HistoryResponse } from '../contract';
import type { Alerting } from '../alerts/alerting';
import type { Access } from '../auth/access';
import type { Principal } from '../auth/authorize';
import type { History } from '../persistence/types';
import type { Hub } from '../state/hub';
import { isRangeId, RANGE_IDS, RANGE_MS } from '../shared/chart-ranges';
import { handleAccessRoutes } from './http/access-routes';
import { handleAlertRoutes } from './http/alert-routes';
import { badRequest, notFound, sendJson } from './http/json';

export interface ApiOptions {
  hub: Hub;
  version: string;
  startedAt: number;
  alerting?: Alerting;
  history?: History;
  /** Whether the history is being kept, for /healthz; absent in tests that exercise the API alone. */
  historyHealth?: { current(): HistoryHealth };
  /** Sign-in, sign-out and viewer tokens; absent in tests that exercise the API alone. */
  access?: Access;
}

/**
 * The most events one request returns. Each is a JSON body read from the
 * history, parsed and serialised again, all held at once: a request for
 * 100,000 made the server's memory jump by the size of them all. The
 * timeline shows far fewer.
 */
export const EVENTS_LIMIT_MAX = 1000;
const EVENTS_LIMIT_DEFAULT = 200;

/**
 * The JSON API for scripts, tests and the dashboard's actions. Resolves false
 * for paths it does not own, so the caller can hand them to Next. Who may
 * call what was decided by the gate before this runs (`principal`).
 */
export function createApiHandler(opts: ApiOptions): (req: IncomingMessage, res: ServerResponse, principal: Principal) => Promise<boolean> {
  const { hub } = opts;
  return async (req, res, principal) => {
    const url = new URL(`http://localhost${req.url ?? '/'}`);
    const path = url.pathname;
    if (path !== '/healthz' && !path.startsWith('/api/v1/')) return false;
    const method = req.method ?? 'GET';
    if (opts.access && (await handleAccessRoutes(opts.access, principal, req, res, path))) return true;
    if (opts.alerting && (await handleAlertRoutes(opts.alerting, req, res, path))) return true;
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: `${method} is not allowed on ${path}` });
    }
    if (path === '/healthz') {
      // Open to load balancers without credentials: the targets' names and states only for those signed in.
      const body: HealthResponse = {
        ok: true,
        uptimeSec: Math.round((Date.now() - opts.startedAt) / 1000),
        version: opts.version,
        ...(principal.role === 'none'
          ? {}
          : {
              targets: hub.targets().map((t) => ({ id: t.id, status: t.status().kind })),
              ...(opts.historyHealth ? { history: opts.historyHealth.current() } : {}),
            }),
      };
      return sendJson(res, 200, body);
    }
    if (path === '/api/v1/state') {
      const state = hub.state();
      const target = url.searchParams.get('target');
      if (target && !hub.store(target)) return notFound(res, `no target "${target}"; known: ${hub.targets().map((t) => t.id).join(', ')}`);
      return sendJson(res, 200, target ? { ...state, targets: state.targets.filter((t) => t.id === target) } : state);
    }
    if (path === '/api/v1/events') {
      const limitParam = url.searchParams.get('limit');
      const asked = limitParam === null ? EVENTS_LIMIT_DEFAULT : Number(limitParam);
      if (!Number.isInteger(asked) || asked < 1) return badRequest(res, `limit must be a positive whole number (at most ${EVENTS_LIMIT_MAX} events are returned)`);
      // Capped rather than refused: the answer's `limit` says what was applied.
      const limit = Math.min(asked, EVENTS_LIMIT_MAX);
      const target = url.searchParams.get('target') ?? undefined;
      // Memory holds the recent ones (restored at start); older ones come from the history.
      let events = hub.events(limit, target);
      if (events.length < limit && opts.history) events = await opts.history.loadEvents(limit, target);
      const body: EventsResponse = { serverTime: Date.now(), limit, events };
      return sendJson(res, 200, body);
    }
    const history = /^\/api\/v1\/targets\/([^/]+)\/history$/.exec(path);
    if (history) {
      const targetId = decodeURIComponent(history[1]!);
      if (!hub.store(targetId)) return notFound(res, `no target "${targetId}"`);
      if (!opts.history) return notFound(res, 'history is not kept by this server');
      const range = url.searchParams.get('range') ?? '1h';
      if (!isRangeId(range)) return badRequest(res, `range must be one of ${RANGE_IDS.join(', ')}`);
      const to = Date.now();
      const body: HistoryResponse = { range, ...(await opts.history.loadSeries(targetId, to - RANGE_MS[range], to)) };
      return sendJson(res, 200, body);
    }
    const series = /^\/api\/v1\/targets\/([^/]+)\/(connections|queues)\/([^/]+)\/series$/.exec(path);
    if (series) {
      const [, targetId, kind, rawId] = series as unknown as [string, string, string, string];
      const store = hub.store(decodeURIComponent(targetId));
      if (!store) return notFound(res, `no target "${decodeURIComponent(targetId)}"`);
      const id = decodeURIComponent(rawId);
      const samples = kind === 'connections' ? store.connectionSamples(id) : store.queueSamples(id);
      if (!samples) return notFound(res, `no ${kind === 'connections' ? 'connection' : 'queue'} "${id}" on target "${store.id}"`);
      return sendJson(res, 200, { samples });
    }
    return notFound(res, `no such endpoint ${path}; see README "HTTP API"`);
  };
}
