import type { Alert, DeliveryStatus, Silence } from '../../server/contract';
import type { SilenceRequest } from './alert-model';

/**
 * The dashboard's few requests of its own: acknowledge, silence, unsilence,
 * test a notifier (and the session calls in components/session). Writes
 * are always JSON with `Content-Type: application/json` (the server refuses
 * a body of any other type) and come from this page's own origin (the server
 * refuses writes made with our cookie from any other, forms included).
 * Results come back as values, never throws: `error` is one plain sentence
 * for the user.
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: string; status?: number; retryAfterSec?: number };

const TIMEOUT_MS = 15_000;

export async function request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: method === 'GET' ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    return { ok: false, error: timedOut ? `The rabbitpulse server did not answer within ${TIMEOUT_MS / 1000} s.` : 'Could not reach the rabbitpulse server.' };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // An empty or non-JSON body: the status line has to do.
  }
  if (!res.ok) {
    const said = json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : null;
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      ok: false,
      status: res.status,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSec: retryAfter } : {}),
      error: said ? `${said} (HTTP ${res.status})` : `The server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
    };
  }
  return { ok: true, value: json as T };
}

export function acknowledgeAlert(id: string): Promise<ApiResult<{ alert: Alert }>> {
  return request('POST', `/api/v1/alerts/${encodeURIComponent(id)}/ack`, {});
}

export function createSilence(body: SilenceRequest): Promise<ApiResult<{ silence: Silence }>> {
  return request('POST', '/api/v1/silences', body);
}

export function removeSilence(id: string): Promise<ApiResult<{ ok: true }>> {
  return request('DELETE', `/api/v1/silences/${encodeURIComponent(id)}`);
}

export function sendTestNotification(notifierId: string): Promise<ApiResult<{ deliveries: DeliveryStatus[] }>> {
  return request('POST', `/api/v1/notifiers/${encodeURIComponent(notifierId)}/test`, {});
}
