import type { ChannelHealth, ConnectionHealth, ConnectionState, ConsumerHealth, KnownDefect } from '../contract';
import type { RawChannel, RawConnection, RawConsumer } from '../sources/management/types';
import { withSilence } from '../stream/silence';
import { isOwnConnection } from '../shared/own-connections';
import { knownDefectsOf } from './known-bad-clients';
import type { ChannelCountdown, CountdownOf } from './channel-countdown';

/** What we remember about a connection's inbound byte counter between polls. */
export interface RecvTrack {
  recvOct: number | null;
  /** When the counter was last seen to move (or first seen, if it never has). */
  changedAt: number;
  /** True until the counter is seen to move: silence is then only a lower bound. */
  sinceFirstSeen: boolean;
}

/** Keyed by connection id (see ConnectionIdentity), not by the broker's name, which is reused with its port. */
export type RecvTracks = ReadonlyMap<string, RecvTrack>;

/** The id of a listed connection row (ConnectionIdentity decides it). */
export type ConnectionIdOf = (row: RawConnection) => string;

/** A client library version's known defects; the TargetStore passes a memoised one (KnownDefectMemo). */
export type KnownDefectsOf = (product: string | null, version: string | null) => KnownDefect[];

/**
 * Advances the inbound-byte trackers by one poll. Silence is what the broker
 * itself judges heartbeats by: it closes a connection whose received-bytes
 * counter has not moved for 2–3 heartbeat intervals (DESIGN.md), so
 * "time since recv_oct last moved" counts down to the same event.
 * A connection seen for the first time with a non-zero receive rate has
 * clearly just received bytes, so its silence starts at zero, not unknown.
 */
export function trackRecv(prev: RecvTracks, connections: readonly RawConnection[], observedAt: number, idOf: ConnectionIdOf): Map<string, RecvTrack> {
  const next = new Map<string, RecvTrack>();
  for (const c of connections) {
    const id = idOf(c);
    const before = prev.get(id);
    if (before && (c.recvOct === null || before.recvOct === null)) {
      // A poll where the broker left the counter out says nothing about movement.
      next.set(id, before.recvOct === null ? { ...before, recvOct: c.recvOct } : before);
    } else if (!before) {
      const recentlyActive = (c.recvRate ?? 0) > 0;
      next.set(id, { recvOct: c.recvOct, changedAt: observedAt, sinceFirstSeen: !recentlyActive });
    } else if (c.recvOct !== before.recvOct) {
      next.set(id, { recvOct: c.recvOct, changedAt: observedAt, sinceFirstSeen: false });
    } else {
      next.set(id, before);
    }
  }
  return next;
}

const KNOWN_STATES = new Set<ConnectionState>(['running', 'flow', 'blocking', 'blocked', 'starting', 'tuning', 'opening', 'closing']);

export function connectionState(raw: string | null): ConnectionState {
  return raw && KNOWN_STATES.has(raw as ConnectionState) ? (raw as ConnectionState) : 'unknown';
}

/** Joins connections with their channels and consumers and derives heartbeat health. */
export function deriveConnections(
  connections: readonly RawConnection[],
  channels: readonly RawChannel[],
  consumers: readonly RawConsumer[],
  tracks: RecvTracks,
  observedAt: number,
  idOf: ConnectionIdOf,
  handleOf: (connectionId: string) => number,
  countdownOf: CountdownOf,
  defectsOf: KnownDefectsOf = knownDefectsOf,
): ConnectionHealth[] {
  const consumersByChannel = groupBy(consumers, (c) => c.channelName);
  const channelsByConnection = groupBy(channels, (c) => c.connectionName);
  return connections.map((c) => {
    const id = idOf(c);
    const chans = (channelsByConnection.get(c.name) ?? [])
      .map((ch) => {
        const consumers = consumersByChannel.get(ch.name) ?? [];
        return deriveChannel(ch, consumers, countdownOf(id, ch, consumers));
      })
      .sort((a, b) => a.number - b.number);
    const track = tracks.get(id);
    const conn: ConnectionHealth = {
      id,
      handle: handleOf(id),
      brokerName: c.name,
      name: c.providedName || peerOf(c),
      providedName: c.providedName,
      own: isOwnConnection(c.providedName),
      peer: peerOf(c),
      client: clientLabel(c.clientProduct, c.clientVersion),
      clientProduct: c.clientProduct,
      clientVersion: c.clientVersion,
      platform: c.platform,
      user: c.user,
      vhost: c.vhost,
      node: c.node,
      protocol: c.protocol,
      connectedAt: c.connectedAt,
      heartbeatTimeoutSec: c.timeout,
      silenceSec: null,
      silenceSinceFirstSeen: track?.sinceFirstSeen ?? true,
      heartbeatMarginSec: null,
      recvChangedAt: track && c.recvOct !== null ? track.changedAt : null,
      state: connectionState(c.state),
      sendPend: c.sendPend,
      frameMax: c.frameMax,
      // The channel list is authoritative; the connection's own counter lags a stats interval.
      channelCount: chans.length || (c.channels ?? 0),
      unacked: chans.reduce((sum, ch) => sum + ch.unacked, 0),
      channels: chans,
      knownDefects: defectsOf(c.clientProduct, c.clientVersion),
    };
    return withSilence(conn, observedAt);
  });
}

function deriveChannel(ch: RawChannel, consumers: readonly RawConsumer[], countdown: ChannelCountdown): ChannelHealth {
  return {
    id: ch.name,
    number: ch.number,
    prefetch: ch.prefetch,
    globalPrefetch: ch.globalPrefetch,
    unacked: ch.unacked,
    unconfirmed: ch.unconfirmed,
    confirmMode: ch.confirm,
    consumerCount: Math.max(ch.consumerCount, consumers.length),
    state: ch.state,
    // The channel name only filed the consumer here; the rest passes through.
    consumers: consumers.map(({ channelName: _filed, ...c }): ConsumerHealth => c),
    unackedSince: countdown.unackedSince,
    unackedSinceFirstSeen: countdown.unackedSinceFirstSeen,
    hasAcked: countdown.hasAcked,
    consumerTimeoutMs: countdown.consumerTimeoutMs,
    consumerTimeoutSource: countdown.consumerTimeoutSource,
  };
}

export function clientLabel(product: string | null, version: string | null): string {
  if (!product) return 'unknown';
  return version ? `${product} ${version}` : product;
}

function peerOf(c: RawConnection): string {
  if (c.peerHost && c.peerPort !== null) return `${c.peerHost}:${c.peerPort}`;
  // The broker's name is `peer -> listener`; its left side is the peer.
  return c.name.split(' -> ')[0] ?? c.name;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
