// A tiny management-API reader so the lab can print what the broker sees next
// to what the client does. It is optional: when the API cannot be reached the
// lab says so once and carries on, since the scenario itself only needs AMQP.

import type { LabLog } from './scenario';

export interface BrokerConnection {
  name: string;
  user_provided_name?: string;
  state?: string;
  timeout?: number;
  send_pend?: number;
}

export interface BrokerChannel {
  name: string;
  prefetch_count?: number;
  messages_unacknowledged?: number;
}

export interface BrokerQueue {
  name: string;
  durable?: boolean;
  messages?: number;
  messages_ready?: number;
  messages_unacknowledged?: number;
  messages_persistent?: number;
  consumers?: number;
  consumer_utilisation?: number | null;
  message_stats?: { ack_details?: { rate?: number }; publish_details?: { rate?: number } };
}

export interface BrokerOverview {
  churn_rates?: {
    connection_created_details?: { rate?: number };
    connection_closed_details?: { rate?: number };
  };
}

/** fetch() says only "fetch failed"; the reason (ECONNREFUSED ...) is in its cause. */
function explain(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${(err.cause as Error & { code?: string }).code ?? err.cause.message}` : '';
  return `${err.message}${cause}`;
}

export class Management {
  private readonly base: string;
  private readonly authorization: string;
  private warned = false;

  /** Credentials come from the management URL if it has them, else from the AMQP URL. */
  constructor(managementUrl: string, amqpUrl: string, private readonly log: LabLog) {
    const api = new URL(managementUrl);
    const amqp = new URL(amqpUrl);
    const user = decodeURIComponent(api.username || amqp.username || 'guest');
    const password = decodeURIComponent(api.password || amqp.password || 'guest');
    // fetch() refuses URLs with credentials in them, so they move to a header.
    api.username = '';
    api.password = '';
    this.base = api.toString().replace(/\/$/, '');
    this.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  /** GET /api/<path>; undefined on any failure (logged once) or a 404. */
  async get<T>(path: string): Promise<T | undefined> {
    try {
      const response = await fetch(`${this.base}/api/${path}`, {
        headers: { authorization: this.authorization },
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return (await response.json()) as T;
    } catch (err) {
      if (!this.warned) {
        this.warned = true;
        this.log(`management API at ${this.base} not usable (${explain(err)}); broker-side numbers left out (check --management-url)`);
      }
      return undefined;
    }
  }

  /**
   * The connection whose client chose `providedName`: null when the broker
   * has no such connection, undefined when the API could not be asked.
   */
  async connectionNamed(providedName: string): Promise<BrokerConnection | null | undefined> {
    const all = await this.get<BrokerConnection[]>(
      'connections?columns=name,user_provided_name,state,timeout,send_pend',
    );
    return all && (all.find((connection) => connection.user_provided_name === providedName) ?? null);
  }

  async channelsOf(connectionName: string): Promise<BrokerChannel[]> {
    const path = `connections/${encodeURIComponent(connectionName)}/channels?columns=name,prefetch_count,messages_unacknowledged`;
    return (await this.get<BrokerChannel[]>(path)) ?? [];
  }

  async queue(name: string, vhost = '/'): Promise<BrokerQueue | undefined> {
    return this.get<BrokerQueue>(`queues/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`);
  }

  async overview(): Promise<BrokerOverview | undefined> {
    return this.get<BrokerOverview>('overview?columns=churn_rates');
  }
}

/** "0.3/s" or "?" when the broker did not say. */
export function formatRate(rate: number | undefined): string {
  return rate === undefined ? '?' : `${rate.toFixed(1)}/s`;
}

/** The queue numbers the lab's progress lines quote; the API refreshes them every 5 s. */
export function describeQueue(q: BrokerQueue | undefined): string {
  if (!q) return 'unknown';
  const stats = q.message_stats;
  return (
    `ready ${q.messages_ready ?? '?'}, unacked ${q.messages_unacknowledged ?? '?'}, consumers ${q.consumers ?? '?'}, ` +
    `publish ${formatRate(stats?.publish_details?.rate)}, ack ${formatRate(stats?.ack_details?.rate ?? (stats ? 0 : undefined))}`
  );
}

/**
 * Follows one client-named connection across polls and says when it appears
 * or vanishes: a vanished connection is the broker's side of a reset, which
 * the client may only notice much later.
 */
export class ConnectionLookout {
  private seen = false;

  constructor(
    private readonly management: Management,
    readonly providedName: string,
  ) {}

  /** undefined when the API could not be asked. */
  async check(): Promise<{ connection: BrokerConnection | null; change?: 'appeared' | 'vanished' } | undefined> {
    const connection = await this.management.connectionNamed(this.providedName);
    if (connection === undefined) return undefined;
    const change = connection && !this.seen ? 'appeared' : !connection && this.seen ? 'vanished' : undefined;
    this.seen = connection !== null;
    return { connection, change };
  }
}
