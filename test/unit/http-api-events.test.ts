import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsResponse, PulseEvent } from '../../server/contract';
import type { History } from '../../server/persistence/types';
import { Hub } from '../../server/state/hub';
import { TargetStore } from '../../server/state/target-store';
import { createApiHandler, EVENTS_LIMIT_MAX } from '../../server/transport/http-api';
import { pulseEvent, targetConfig } from './builders';

/**
 * GET /api/v1/events through the real handler on a real HTTP server, with a
 * history that records what it was asked for: a huge `limit` must not reach
 * the database (each event is read, parsed and serialised, all at once).
 */
describe('GET /api/v1/events limit', () => {
  let server: Server;
  let url: string;
  const asked: number[] = [];
  const stored: PulseEvent[] = Array.from({ length: 3000 }, (_, i) => pulseEvent(`e${i}`, { at: 1_000_000 - i }));
  const history = {
    loadEvents: async (limit: number) => {
      asked.push(limit);
      return stored.slice(0, limit);
    },
  } as unknown as History;

  beforeAll(async () => {
    const hub = new Hub([new TargetStore(targetConfig(), 10)], 50);
    const handler = createApiHandler({ hub, version: 'test', startedAt: Date.now(), history });
    server = createServer((req, res) => void handler(req, res, { role: 'admin', via: 'no-auth' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (query: string) => {
    const res = await fetch(`${url}/api/v1/events${query}`);
    return { status: res.status, body: (await res.json()) as EventsResponse & { error?: string } };
  };

  it('caps a limit above the maximum, and says the limit it applied', async () => {
    asked.length = 0;
    const { status, body } = await get('?limit=100000');
    expect(status).toBe(200);
    expect(EVENTS_LIMIT_MAX).toBe(1000);
    expect(body.limit).toBe(1000);
    expect(body.events).toHaveLength(1000);
    expect(asked).toEqual([1000]);
  });

  it('keeps a limit within the maximum, and the default of 200', async () => {
    asked.length = 0;
    expect((await get('?limit=1000')).body).toMatchObject({ limit: 1000 });
    expect((await get('?limit=7')).body.events).toHaveLength(7);
    expect((await get('')).body.limit).toBe(200);
    expect(asked).toEqual([1000, 7, 200]);
  });

  it('refuses a limit that is not a positive whole number, saying the cap', async () => {
    for (const bad of ['0', '-5', '2.5', 'lots']) {
      const { status, body } = await get(`?limit=${bad}`);
      expect(status).toBe(400);
      expect(body.error).toBe('limit must be a positive whole number (at most 1000 events are returned)');
    }
  });
});
