import amqp, { type ChannelModel } from 'amqplib';

/**
 * Connection churn at a steady rate against one broker: every connection gets
 * a unique client-provided name, lives a random while and is closed by its
 * client. Half of them bind a client port from a small pool, so the broker's
 * connection names (`127.0.0.1:P -> …`) are reused within seconds — the case
 * that lost closes before connections had ids of their own; the rest take
 * the OS's ephemeral ports, which are reused too over half an hour.
 */
export interface ChurnOptions {
  amqpUrl: string;
  perSecond: number;
  /** Client-provided names start with this, so the soak can tell its own closes apart. */
  prefix: string;
  /** Ports for the pooled half; each is used by at most one open connection at a time. */
  portPool: number[];
  random?: () => number;
}

export interface ChurnCounts {
  opened: number;
  /** Closed by us, close handshake completed. */
  closed: number;
  /** Could not open (e.g. a pooled port still held by the previous socket). */
  openFailed: number;
  open: number;
}

export class Churn {
  private readonly open = new Map<string, ChannelModel>();
  private readonly freePorts: number[];
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private readonly pending = new Set<Promise<void>>();
  /** Resolves when stop() is called: connections still held close then, not at the end of their hold. */
  private stopping!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.stopping = resolve));
  readonly closedNames: string[] = [];
  readonly counts: ChurnCounts = { opened: 0, closed: 0, openFailed: 0, open: 0 };

  constructor(private readonly opts: ChurnOptions) {
    this.freePorts = [...opts.portPool];
    this.random = opts.random ?? Math.random;
  }

  start(): void {
    this.timer = setInterval(() => this.track(this.one()), 1000 / this.opts.perSecond);
  }

  /** Stops opening, closes whatever is still open, and waits for every close. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async one(): Promise<void> {
    const name = `${this.opts.prefix}${++this.seq}`;
    const port = this.random() < 0.5 ? this.freePorts.shift() : undefined;
    let conn: ChannelModel;
    try {
      // amqplib hands socket options to net.connect, which takes localPort; its types do not list it.
      conn = await amqp.connect(this.opts.amqpUrl, { clientProperties: { connection_name: name }, ...(port ? { localPort: port } : {}) } as Parameters<typeof amqp.connect>[1]);
    } catch {
      this.counts.openFailed++;
      if (port) this.freePorts.push(port);
      return;
    }
    conn.on('error', () => {});
    this.counts.opened++;
    this.open.set(name, conn);
    this.counts.open = this.open.size;
    // Most live a few seconds; one in twenty lives one to two minutes (polls see those for sure).
    const holdMs = this.random() < 0.05 ? 60_000 + this.random() * 60_000 : 300 + this.random() * 8000;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, holdMs).unref()), this.stopped]);
    try {
      await conn.close();
      this.counts.closed++;
      this.closedNames.push(name);
    } catch {
      // Closed by the broker meanwhile: the broker made that close, and rabbitpulse should have seen it too.
      this.closedNames.push(name);
    } finally {
      this.open.delete(name);
      this.counts.open = this.open.size;
      if (port) this.freePorts.push(port);
    }
  }
}
