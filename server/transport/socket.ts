import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents, StreamAuth, StreamInterest } from '../contract';
import type { Access } from '../auth/access';
import { roomOf } from '../auth/authorize';
import type { Hub } from '../state/hub';
import type { Logger } from '../log';
import { allowStream, STREAM_UNAUTHORIZED, streamPrincipal } from './stream-access';
import { parseInterest, QUEUES_ROOM, snapshotFor, withoutQueues } from '../stream/interest';

interface SocketData {
  role: Role;
  interest: StreamInterest;
}

export type PulseSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The only socket.io import on the server. Each browser gets the whole
 * picture once on connect, then only deltas; a browser that detects a gap
 * asks for a new snapshot rather than guessing.
 *
 * The handshake is checked like any request (session cookie, viewer cookie
 * or token, bearer token) before engine.io opens a session, and again when
 * socket.io connects: a long-polling client can sign out in between. Every
 * event on the stream is a read, so a viewer may use all of them. A stream
 * ends when its credential does (sign-out, revoked token).
 */
export function attachSocketServer(httpServer: HttpServer, hub: Hub, log: Logger, access: Access): { io: PulseSocketServer; close: () => Promise<void> } {
  const io: PulseSocketServer = new Server(httpServer, { serveClient: false, allowRequest: allowStream(access) });
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers['X-Content-Type-Options'] = 'nosniff';
    headers['Referrer-Policy'] = 'no-referrer';
  });
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { [K in keyof StreamAuth]?: unknown } | undefined;
    const principal = streamPrincipal(access, socket.request);
    if (principal.role === 'none') {
      next(Object.assign(new Error(STREAM_UNAUTHORIZED), { data: { status: 401, message: 'sign in, or open the wall with a viewer token' } }));
      return;
    }
    socket.data.role = principal.role;
    socket.data.interest = parseInterest(auth?.interest);
    const room = roomOf(principal);
    if (room) void socket.join(room);
    if (socket.data.interest.queues) void socket.join(QUEUES_ROOM);
    next();
  });
  access.onCredentialEnded((room) => io.in(room).disconnectSockets(true));
  const unsubscribe = hub.onDelta((delta) => {
    const lean = withoutQueues(delta);
    if (lean === delta) {
      io.emit('delta', delta);
    } else {
      io.to(QUEUES_ROOM).emit('delta', delta);
      io.except(QUEUES_ROOM).emit('delta', lean);
    }
  });

  io.on('connection', (socket) => {
    socket.emit('snapshot', snapshotFor(hub.snapshot(), socket.data.interest));
    socket.on('snapshot:request', (req) => {
      log.info(`snapshot requested by ${socket.id}: ${String(req?.reason ?? 'no reason').slice(0, 200)}`);
      socket.emit('snapshot', snapshotFor(hub.snapshot(), socket.data.interest));
    });
    socket.on('interest', (raw) => {
      const next = parseInterest(raw);
      const had = socket.data.interest;
      socket.data.interest = next;
      if (next.queues === had.queues) return;
      // Joining and sending the rows happen in one turn, so no delta falls between them.
      if (next.queues) {
        void socket.join(QUEUES_ROOM);
        socket.emit('queues', hub.queuesPart());
      } else {
        void socket.leave(QUEUES_ROOM);
      }
    });
    socket.on('series:connection', (req, reply) => {
      if (typeof reply !== 'function') return;
      const samples = hub.store(String(req?.targetId))?.connectionSamples(String(req?.connectionId));
      reply(samples ? { ok: true, samples } : { ok: false, error: 'no history for this connection', samples: [] });
    });
    socket.on('traffic:connection', (req, reply) => {
      if (typeof reply !== 'function') return;
      const store = hub.store(String(req?.targetId));
      if (!store) return reply({ ok: false, error: 'unknown target', traffic: null });
      reply({ ok: true, traffic: store.connectionTraffic(String(req?.connectionId)) });
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
