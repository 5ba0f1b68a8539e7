import type { AlertObject, ChannelHealth, ConnectionHealth, QueueHealth } from '../../contract';

/** Alert objects, built one way everywhere so ids stay stable across restarts. */
export const connectionObject = (c: ConnectionHealth): AlertObject => ({ kind: 'connection', id: c.id, label: c.name });
export const queueObject = (q: QueueHealth): AlertObject => ({ kind: 'queue', id: q.id, label: q.vhost === '/' ? q.name : `${q.vhost}/${q.name}` });
export const targetObject = (id: string, label: string): AlertObject => ({ kind: 'target', id, label });
export const probeObject = (connectionName: string, label = connectionName): AlertObject => ({ kind: 'probe', id: connectionName, label });
export const nodeObject = (name: string): AlertObject => ({ kind: 'node', id: name, label: name });

/** Rates from the broker are per second; show them as people read them. */
export const perSec = (v: number | null) => (v === null ? 'unknown' : `${Math.round(v * 10) / 10}/s`);

/** Application connections only: rabbitpulse's own probes are judged by the probe rules. */
export const appConnections = (connections: readonly ConnectionHealth[]) => connections.filter((c) => !c.own);

/** A channel by its broker name (`<connection name> (<number>)`), labelled with its connection's display name. */
export const channelObject = (c: ConnectionHealth, ch: ChannelHealth): AlertObject => ({ kind: 'channel', id: ch.id, label: `${c.name} (channel ${ch.number})` });
