import net from 'node:net';

/**
 * A loopback TCP proxy that can stall a connection the way a broken network
 * path does: bytes stop arriving, but nobody closes anything. That is what
 * makes heartbeats matter — a clean close is noticed at once, silence only
 * when a heartbeat check comes round.
 *
 * Freezing pauses the reading side of the frozen direction (so the kernel's
 * buffers fill and TCP flow control does the rest) and holds back any chunk
 * that was already on its way. Whatever arrives on a frozen side — data, a
 * FIN, a reset — travels in that direction and is held with it, so a frozen
 * path delivers nothing at all until `thaw()`.
 *
 * A client is accepted before the target is dialled, so a target that refuses
 * shows up as a reset of the client's connection, not as ECONNREFUSED.
 */

export type Direction = 'server-to-client' | 'client-to-server' | 'both';

export interface TcpProxyOptions {
  targetHost: string;
  targetPort: number;
}

export interface TcpProxy {
  /** The loopback port clients should connect to. */
  readonly port: number;
  /** Connections currently open through the proxy. */
  readonly connectionCount: number;
  /** Stops bytes flowing in `direction` on every connection, current and future; sockets stay open. Additive. */
  freeze(direction: Direction): void;
  /** Lets held bytes (and any held FIN or reset) through and resumes flow in `direction`. */
  thaw(direction?: Direction): void;
  /**
   * Drops every current connection, both sides: `'reset'` (default) sends RST, as when a
   * peer or middlebox aborts; `'fin'` closes them in an orderly way.
   */
  closeAll(how?: 'reset' | 'fin'): void;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/** One direction of one proxied connection. */
class OneWay {
  private held: Buffer[] = [];
  private heldEnding: 'fin' | 'reset' | undefined;

  constructor(
    private readonly from: net.Socket,
    private readonly to: net.Socket,
    private readonly isFrozen: () => boolean,
  ) {
    from.on('data', (chunk: Buffer) => {
      if (this.isFrozen()) {
        this.held.push(chunk);
        from.pause();
      } else {
        this.write(chunk);
      }
    });
    from.on('end', () => this.ending('fin'));
    // A socket closed by an error (ECONNRESET, EPIPE...) is passed on as a reset.
    from.on('close', (hadError) => {
      if (hadError) this.ending('reset');
    });
    to.on('drain', () => {
      if (!this.isFrozen()) from.resume();
    });
  }

  freeze(): void {
    this.from.pause();
  }

  thaw(): void {
    for (const chunk of this.held.splice(0)) this.write(chunk);
    if (this.heldEnding) {
      this.finish(this.heldEnding);
      this.heldEnding = undefined;
    } else if (!this.to.writableNeedDrain) this.from.resume();
  }

  private write(chunk: Buffer): void {
    if (this.to.destroyed) return;
    if (!this.to.write(chunk)) this.from.pause();
  }

  private ending(how: 'fin' | 'reset'): void {
    if (this.isFrozen()) this.heldEnding ??= how;
    else this.finish(how);
  }

  private finish(how: 'fin' | 'reset'): void {
    if (this.to.destroyed) return;
    if (how === 'reset') this.to.resetAndDestroy();
    else this.to.end();
  }
}

interface Proxied {
  client: net.Socket;
  upstream: net.Socket;
  toServer: OneWay;
  toClient: OneWay;
}

export async function startTcpProxy({ targetHost, targetPort }: TcpProxyOptions): Promise<TcpProxy> {
  const frozen = { 'client-to-server': false, 'server-to-client': false };
  const open = new Set<Proxied>();

  const server = net.createServer((client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort });
    const proxied: Proxied = {
      client,
      upstream,
      toServer: new OneWay(client, upstream, () => frozen['client-to-server']),
      toClient: new OneWay(upstream, client, () => frozen['server-to-client']),
    };
    if (frozen['client-to-server']) proxied.toServer.freeze();
    if (frozen['server-to-client']) proxied.toClient.freeze();
    open.add(proxied);
    // Errors are passed on to the other side by OneWay; here they only must not crash the test.
    client.on('error', () => {});
    upstream.on('error', () => {});
    const forget = () => {
      if (client.destroyed && upstream.destroyed) open.delete(proxied);
    };
    client.on('close', forget);
    upstream.on('close', forget);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  const directions = (d: Direction) =>
    d === 'both' ? (['client-to-server', 'server-to-client'] as const) : ([d] as const);
  const wayOf = (p: Proxied, d: 'client-to-server' | 'server-to-client') =>
    d === 'client-to-server' ? p.toServer : p.toClient;

  const closeAll = (how: 'reset' | 'fin' = 'reset') => {
    for (const { client, upstream } of open) {
      for (const socket of [client, upstream]) {
        if (how === 'reset') socket.resetAndDestroy();
        else socket.destroySoon();
      }
    }
  };

  return {
    port,
    get connectionCount() {
      return open.size;
    },
    freeze(direction) {
      for (const d of directions(direction)) {
        frozen[d] = true;
        for (const p of open) wayOf(p, d).freeze();
      }
    },
    thaw(direction = 'both') {
      for (const d of directions(direction)) {
        frozen[d] = false;
        for (const p of open) wayOf(p, d).thaw();
      }
    },
    closeAll,
    close() {
      closeAll('reset');
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
