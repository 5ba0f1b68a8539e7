import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract';
import type { Hub } from '../state/hub';
import type { Logger } from '../log';

export type PulseSocketServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * The only socket.io import on the server. Each browser gets the whole
 * picture once on connect, then only deltas; a browser that detects a gap
 * asks for a new snapshot rather than guessing.
 */
export function attachSocketServer(httpServer: HttpServer, hub: Hub, log: Logger): { io: PulseSocketServer; close: () => Promise<void> } {
  const io: PulseSocketServer = new Server(httpServer, { serveClient: false });
  const unsubscribe = hub.onDelta((delta) => io.emit('delta', delta));

  io.on('connection', (socket) => {
    socket.emit('snapshot', hub.snapshot());
    socket.on('snapshot:request', (req) => {
      log.info(`snapshot requested by ${socket.id}: ${String(req?.reason ?? 'no reason').slice(0, 200)}`);
      socket.emit('snapshot', hub.snapshot());
    });
    socket.on('series:connection', (req, reply) => {
      if (typeof reply !== 'function') return;
      const samples = hub.store(String(req?.targetId))?.connectionSamples(String(req?.connectionId));
      reply(samples ? { ok: true, samples } : { ok: false, error: 'no history for this connection', samples: [] });
    });
    socket.on('series:queue', (req, reply) => {
      if (typeof reply !== 'function') return;
      const samples = hub.store(String(req?.targetId))?.queueSamples(String(req?.queueId));
      reply(samples ? { ok: true, samples } : { ok: false, error: 'no history for this queue', samples: [] });
    });
  });

  return {
    io,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        io.close(() => resolve());
      }),
  };
}
