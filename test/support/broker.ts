import amqp, { type ChannelModel } from 'amqplib';
import { randomBytes } from 'node:crypto';

export const AMQP_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const MANAGEMENT_URL = process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';
const AUTH = 'Basic ' + Buffer.from('guest:guest').toString('base64');

/** Names unique per test run, so parallel or repeated runs never see each other's objects. */
export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** `clientProperties` are sent over amqplib's own (e.g. `product` and `version`, to pose as another client library). */
export async function openConnection(name: string, opts: { heartbeat?: number; clientProperties?: Record<string, string> } = {}): Promise<ChannelModel> {
  const url = new URL(AMQP_URL);
  if (opts.heartbeat !== undefined) url.searchParams.set('heartbeat', String(opts.heartbeat));
  return amqp.connect(url.toString(), { clientProperties: { ...opts.clientProperties, connection_name: name } });
}

export async function management<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(MANAGEMENT_URL + path, { ...init, headers: { authorization: AUTH, ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The broker's name for a connection with this client-provided name. */
export async function brokerConnectionName(providedName: string): Promise<string | undefined> {
  const list = await management<Array<{ name: string; user_provided_name?: string }>>('/api/connections?columns=name,user_provided_name');
  return list.find((c) => c.user_provided_name === providedName)?.name;
}
