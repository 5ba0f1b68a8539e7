import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Silence } from '../../contract';
import type { Alerting } from '../../alerts/alerting';
import { BadRequest, badRequest, notFound, readJson, sendJson } from './json';

const MAX_SILENCE_MS = 30 * 24 * 3_600_000;

/**
 * Alert endpoints: read alerts, acknowledge, silence, and send a test
 * notification. Returns false for paths it does not own.
 */
export async function handleAlertRoutes(alerting: Alerting, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (path === '/api/v1/alerts' && method === 'GET') return sendJson(res, 200, { serverTime: Date.now(), alerts: alerting.engine.list() });
  if (path === '/api/v1/silences' && method === 'GET') return sendJson(res, 200, { silences: alerting.engine.silences() });
  if (path === '/api/v1/deliveries' && method === 'GET') return sendJson(res, 200, { deliveries: alerting.recentDeliveries() });

  const ack = /^\/api\/v1\/alerts\/([^/]+)\/ack$/.exec(path);
  if (ack && method === 'POST') {
    const alert = alerting.acknowledge(decodeURIComponent(ack[1]!));
    return alert ? sendJson(res, 200, { alert }) : notFound(res, 'no pending or firing alert with that id');
  }
  if (path === '/api/v1/silences' && method === 'POST') {
    try {
      const silence = silenceFrom(await readJson(req));
      alerting.addSilence(silence);
      return sendJson(res, 201, { silence });
    } catch (err) {
      if (err instanceof BadRequest) return badRequest(res, err.message);
      throw err;
    }
  }
  const silenceId = /^\/api\/v1\/silences\/([^/]+)$/.exec(path);
  if (silenceId && method === 'DELETE') {
    return alerting.removeSilence(decodeURIComponent(silenceId[1]!)) ? sendJson(res, 200, { ok: true }) : notFound(res, 'no such silence');
  }
  const test = /^\/api\/v1\/notifiers\/([^/]+)\/test$/.exec(path);
  if (test && method === 'POST') {
    const statuses = await alerting.sendTest(decodeURIComponent(test[1]!));
    return statuses ? sendJson(res, 202, { deliveries: statuses }) : notFound(res, 'no notifier with that id');
  }
  return false;
}

function silenceFrom(body: Record<string, unknown>): Silence {
  const str = (k: string) => (typeof body[k] === 'string' && (body[k] as string).trim() ? (body[k] as string).trim() : null);
  const durationMs = body.durationMs;
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_SILENCE_MS) {
    throw new BadRequest('durationMs must be a positive number of milliseconds, at most 30 days');
  }
  const rule = str('rule');
  const targetId = str('targetId');
  const objectId = str('objectId');
  if (!rule && !targetId && !objectId) throw new BadRequest('name at least one of rule, targetId or objectId: a silence of everything is a mistake');
  const now = Date.now();
  return { id: randomUUID(), rule, targetId, objectId, createdAt: now, until: now + durationMs, comment: (str('comment') ?? '').slice(0, 500) };
}
