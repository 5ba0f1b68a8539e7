import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveView } from '../../server/stream/apply-delta';
import { liveApi } from '../../components/live/live-api';
import { LiveStream, RETRY_AFTER_SERVER_CLOSE_MS, SNAPSHOT_RETRY_MS, type LiveStatus, type StreamSocket } from '../../components/live/live-stream';
import type { Delta, QueuesPart, StreamAuth } from '../../server/contract';
import { queueHealth, snapshot, targetState } from './builders';

/**
 * A stand-in for socket.io-client's socket: records what the stream emits,
 * and lets a test play the server (accept a handshake, send events, drop or
 * refuse the connection). It calls the handshake's `auth` as socket.io does.
 */
class FakeSocket {
  connected = false;
  active = false;
  connects = 0;
  emitted: Array<[string, unknown]> = [];
  handshakes: StreamAuth[] = [];
  acked: Array<[string, unknown]> = [];
  reply: (event: string) => Promise<unknown> = () => new Promise(() => {});
  private handlers = new Map<string, (arg: unknown) => void>();

  constructor(private readonly auth: (cb: (data: StreamAuth) => void) => void) {}

  on(event: string, handler: (arg: unknown) => void) {
    this.handlers.set(event, handler);
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push([event, payload]);
    return this;
  }
  connect() {
    this.active = true;
    this.connects++;
    return this;
  }
  disconnect() {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  timeout(_ms: number) {
    return {
      emitWithAck: (event: string, request: unknown) => {
        this.acked.push([event, request]);
        return this.reply(event);
      },
    };
  }

  // ---- the server's side ----
  /** The handshake, then the connection: what socket.io does when the server accepts. */
  accept(): void {
    this.handshake();
    this.open();
  }
  handshake(): void {
    this.auth((data) => this.handshakes.push(data));
  }
  open(): void {
    this.connected = true;
    this.fire('connect', undefined);
  }
  send(event: 'snapshot' | 'delta' | 'queues', payload: unknown): void {
    this.fire(event, payload);
  }
  drop(reason: string, active = true): void {
    this.connected = false;
    this.active = active;
    this.fire('disconnect', reason);
  }
  refuse(err: Error): void {
    this.fire('connect_error', err);
  }
  fire(event: string, arg: unknown): void {
    this.handlers.get(event)?.(arg);
  }
  sent(event: string): unknown[] {
    return this.emitted.filter(([e]) => e === event).map(([, p]) => p);
  }
}

const T0 = 1_000_000;

function delta(seq: number, targetId = 'local'): Delta {
  return { seq, serverTime: T0 + seq, targets: [{ targetId, upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [] }], events: [] };
}

function setup(opts: { wantsQueues?: boolean } = {}) {
  let wantsQueues = opts.wantsQueues ?? false;
  const views: LiveView[] = [];
  const statuses: Array<{ status?: LiveStatus; lastMessageAt?: number }> = [];
  let connects = 0;
  const socket = new FakeSocket((cb) => stream.handshake(cb));
  const stream = new LiveStream(socket as unknown as StreamSocket, {
    wantsQueues: () => wantsQueues,
    onView: (v) => views.push(v),
    onStatus: (patch) => statuses.push(patch),
    onConnect: () => connects++,
  });
  stream.start();
  return {
    socket,
    stream,
    views,
    statuses,
    connects: () => connects,
    lastView: () => views[views.length - 1],
    lastStatus: () => statuses.filter((s) => s.status).at(-1)?.status,
    want: (queues: boolean) => {
      wantsQueues = queues;
      stream.syncInterest();
    },
  };
}

const SNAPSHOT = snapshot({ seq: 5, interest: { queues: false }, targets: [targetState({ id: 'local', queues: [] })] });

describe('LiveStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('connects when started, says in the handshake which parts it wants, and shows the snapshot that follows', () => {
    const s = setup({ wantsQueues: true });
    expect(s.socket.connects).toBe(1);
    s.socket.accept();
    expect(s.socket.handshakes).toEqual([{ interest: { queues: true } }]);
    expect(s.connects()).toBe(1);
    expect(s.views).toEqual([]);
    s.socket.send('snapshot', SNAPSHOT);
    expect(s.lastView()?.seq).toBe(5);
    expect(s.statuses.at(-1)).toEqual({ status: 'live', lastMessageAt: T0 });
  });

  it('ignores deltas before the first snapshot, applies them in sequence after it', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('delta', delta(1));
    expect(s.views).toEqual([]);
    s.socket.send('snapshot', SNAPSHOT);
    vi.setSystemTime(T0 + 5000);
    s.socket.send('delta', delta(6));
    expect(s.lastView()?.seq).toBe(6);
    expect(s.statuses.at(-1)).toEqual({ lastMessageAt: T0 + 5000 });
    expect(s.socket.sent('snapshot:request')).toEqual([]);
  });

  it('asks for a snapshot on a sequence gap, and applies no delta until it comes', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('snapshot', SNAPSHOT);
    s.socket.send('delta', delta(8));
    expect(s.socket.sent('snapshot:request')).toEqual([{ reason: 'sequence gap: have 5, got 8' }]);
    s.socket.send('delta', delta(9));
    expect(s.lastView()?.seq).toBe(5);
    s.socket.send('snapshot', { ...SNAPSHOT, seq: 9 });
    s.socket.send('delta', delta(10));
    expect(s.lastView()?.seq).toBe(10);
  });

  it('asks again when the snapshot it asked for does not come', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('snapshot', SNAPSHOT);
    s.socket.send('delta', delta(7));
    vi.setSystemTime(T0 + SNAPSHOT_RETRY_MS);
    s.socket.send('delta', delta(8));
    expect(s.socket.sent('snapshot:request')).toHaveLength(1);
    vi.setSystemTime(T0 + SNAPSHOT_RETRY_MS + 1);
    s.socket.send('delta', delta(9));
    expect(s.socket.sent('snapshot:request')).toEqual([{ reason: 'sequence gap: have 5, got 7' }, { reason: 'expected snapshot did not arrive' }]);
  });

  it('asks for a snapshot when a delta names a target it does not know', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('snapshot', SNAPSHOT);
    s.socket.send('delta', delta(6, 'added-later'));
    expect(s.socket.sent('snapshot:request')).toEqual([{ reason: 'delta for unknown target added-later' }]);
  });

  it('applies a queues part as of its view, and asks for a snapshot for one that does not fit', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('snapshot', SNAPSHOT);
    const part: QueuesPart = { seq: 5, queues: { local: [queueHealth({ name: 'q1' })] } };
    s.socket.send('queues', part);
    expect(s.lastView()?.interest).toEqual({ queues: true });
    expect(s.lastView()?.targets[0]?.queues.map((q) => q.name)).toEqual(['q1']);
    s.socket.send('queues', { ...part, seq: 4 });
    expect(s.socket.sent('snapshot:request')).toEqual([{ reason: 'queue rows as of 4 did not fit the view' }]);
  });

  it('tells the server when the wish for queues changes, and drops the rows when it ends', () => {
    const s = setup();
    s.want(true); // before the connection: the handshake carries it
    expect(s.socket.sent('interest')).toEqual([]);
    s.socket.accept();
    expect(s.socket.handshakes).toEqual([{ interest: { queues: true } }]);
    s.socket.send('snapshot', { ...SNAPSHOT, interest: { queues: true }, targets: [targetState({ id: 'local', queues: [queueHealth({ name: 'q1' })] })] });
    s.want(false);
    expect(s.socket.sent('interest')).toEqual([{ queues: false }]);
    expect(s.lastView()?.targets[0]?.queues).toEqual([]);
    s.want(false);
    expect(s.socket.sent('interest')).toHaveLength(1);
  });

  it('re-tells its interest on reconnect, through the handshake or, when it changed during one, an interest event', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('snapshot', SNAPSHOT);
    s.socket.drop('transport close');
    expect(s.lastStatus()).toBe('reconnecting');
    s.want(true); // while disconnected: nothing to send yet
    expect(s.socket.sent('interest')).toEqual([]);
    s.socket.accept();
    expect(s.socket.handshakes.at(-1)).toEqual({ interest: { queues: true } });
    expect(s.connects()).toBe(2);

    // A component registers after the handshake was sent but before `connect`.
    const late = setup();
    late.socket.handshake();
    late.want(true);
    late.socket.open();
    expect(late.socket.sent('interest')).toEqual([{ queues: true }]);
  });

  it('after a reconnect, waits for the new snapshot before applying deltas', () => {
    const s = setup();
    s.socket.accept();
    s.socket.send('snapshot', SNAPSHOT);
    s.socket.drop('transport close');
    s.socket.accept();
    s.socket.send('delta', delta(6));
    expect(s.lastView()?.seq).toBe(5);
    s.socket.send('snapshot', { ...SNAPSHOT, seq: 20 });
    s.socket.send('delta', delta(21));
    expect(s.lastView()?.seq).toBe(21);
  });

  it('a refused credential stops the retries and says unauthorized; other errors are retried by socket.io', () => {
    const s = setup();
    s.socket.refuse(Object.assign(new Error('xhr poll error'), { description: 503 }));
    expect(s.lastStatus()).toBe('reconnecting');
    expect(s.socket.active).toBe(true);
    s.socket.refuse(new Error('unauthorized'));
    expect(s.lastStatus()).toBe('unauthorized');
    expect(s.socket.active).toBe(false);

    const forbidden = setup();
    forbidden.socket.refuse(Object.assign(new Error('xhr poll error'), { description: 403 }));
    expect(forbidden.lastStatus()).toBe('unauthorized');
  });

  it('when the server closes the stream, tries once more after a second; a manual reconnect works too', () => {
    const s = setup();
    s.socket.accept();
    s.socket.drop('io server disconnect', false);
    expect(s.lastStatus()).toBe('disconnected');
    expect(s.socket.connects).toBe(1);
    vi.advanceTimersByTime(RETRY_AFTER_SERVER_CLOSE_MS);
    expect(s.socket.connects).toBe(2);

    s.stream.reconnect();
    expect(s.lastStatus()).toBe('reconnecting');
    expect(s.socket.connects).toBe(3);
    s.socket.accept();
    s.stream.reconnect(); // connected: nothing to do
    expect(s.socket.connects).toBe(3);
  });

  it('stop disconnects, cancels a pending retry and hears nothing more', () => {
    const s = setup();
    s.socket.accept();
    s.socket.drop('io server disconnect', false);
    s.stream.stop();
    vi.advanceTimersByTime(RETRY_AFTER_SERVER_CLOSE_MS);
    expect(s.socket.connects).toBe(1);
    s.socket.send('snapshot', SNAPSHOT);
    expect(s.views).toEqual([]);
  });
});

describe('liveApi', () => {
  it('asks over the current stream, and answers ok: false when there is none or no answer comes', async () => {
    vi.useFakeTimers();
    let current: LiveStream | null = null;
    const api = liveApi(() => current);
    await expect(api.queueSeries({ targetId: 'local', queueId: 'q1' })).resolves.toEqual({ ok: false, samples: [], error: 'not connected to the rabbitpulse server' });

    const s = setup();
    current = s.stream;
    s.socket.reply = async () => ({ ok: true, traffic: null });
    await expect(api.connectionTraffic({ targetId: 'local', connectionId: 'c1' })).resolves.toEqual({ ok: true, traffic: null });
    expect(s.socket.acked).toEqual([['traffic:connection', { targetId: 'local', connectionId: 'c1' }]]);

    s.socket.reply = () => Promise.reject(new Error('operation has timed out'));
    await expect(api.connectionSeries({ targetId: 'local', connectionId: 'c1' })).resolves.toEqual({ ok: false, samples: [], error: 'no answer from the rabbitpulse server within 10 s' });
    vi.useRealTimers();
  });
});
