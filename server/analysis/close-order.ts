import type { BrokerEvent } from '../sources/events/broker-event';

/** `forced`: orderly, but the broker removed the consumers itself first (see CANCELS_CONSUMERS_ON_CLOSE). */
export type CloseOrder = 'clean' | 'abrupt' | 'forced' | 'unknown';

/**
 * Clients whose own orderly close cancels their consumers (basic.cancel,
 * so the broker's consumer.deleted names the user) before closing the
 * channel. For them a consumer removed by `rmq-internal` while the channel
 * was still open means someone else closed it: a force-close through the
 * management API or rabbitmqctl. Measured on RabbitMQ 3.10.8: pika 1.2.0
 * cancels (consumer.deleted by "guest", then channel.closed); amqplib 2.3.1
 * does not (its own close and a force-close both show "rmq-internal"), so
 * for amqplib, and any client not listed, the signal says nothing.
 */
const CANCELS_CONSUMERS_ON_CLOSE: readonly RegExp[] = [/^Pika Python Client Library\b/];
const BROKER_ITSELF = 'rmq-internal';

export interface ObservedClose {
  at: number;
  pid: string;
  name: string;
  providedName: string | null;
  client: string | null;
  /**
   * When the event exchange saw this connection created (null if it opened
   * before rabbitpulse subscribed): tells it from a later connection that
   * reused its name (ConnectionIdentity).
   */
  createdAt: number | null;
  order: CloseOrder;
  /** One sentence on what the order of events showed. */
  evidence: string;
}

/**
 * Tells orderly closes from abrupt ones by the order of events (measured on
 * RabbitMQ 3.10, DESIGN.md §2): an orderly close — the client's, or an
 * admin's force-close — closes the channels first, then the connection; when
 * TCP is dropped (process killed, network lost, missed heartbeats) the
 * connection closes first and its channels after. Only channels created
 * while we were subscribed are known; for older connections the order is
 * unknown and the caller falls back to other evidence.
 */
export class CloseOrderTracker {
  private readonly channelsByConnection = new Map<string, Set<string>>();
  /** Connections that have had at least one channel: with none, the order says nothing. */
  private readonly hadChannels = new Set<string>();
  private readonly connectionOfChannel = new Map<string, string>();
  private readonly createdAt = new Map<string, number>();
  /** Connections a consumer of which the broker removed itself while its channel was open. */
  private readonly consumersRemovedByBroker = new Set<string>();

  /** Feeds one event; returns a classified close for `connection.closed`. */
  onEvent(e: BrokerEvent): ObservedClose | null {
    switch (e.kind) {
      case 'connection.created':
        this.channelsByConnection.set(e.pid, new Set());
        this.createdAt.set(e.pid, e.at);
        return null;
      case 'channel.created': {
        // Only for connections seen created: an older one may have channels we never heard of.
        const set = this.channelsByConnection.get(e.connectionPid);
        if (!set) return null;
        set.add(e.pid);
        this.hadChannels.add(e.connectionPid);
        this.connectionOfChannel.set(e.pid, e.connectionPid);
        return null;
      }
      case 'channel.closed': {
        const conn = this.connectionOfChannel.get(e.pid);
        this.connectionOfChannel.delete(e.pid);
        if (conn) this.channelsByConnection.get(conn)?.delete(e.pid);
        return null;
      }
      case 'consumer.deleted': {
        // Only while the channel is open: after an abrupt close the broker cleans up the same way.
        const conn = this.connectionOfChannel.get(e.channelPid);
        if (conn && e.user === BROKER_ITSELF) this.consumersRemovedByBroker.add(conn);
        return null;
      }
      case 'connection.closed':
        return this.classify(e);
      default:
        return null;
    }
  }

  /** Connections and channels currently tracked (for tests and memory checks). */
  size(): { connections: number; channels: number } {
    return { connections: this.channelsByConnection.size, channels: this.connectionOfChannel.size };
  }

  private classify(e: Extract<BrokerEvent, { kind: 'connection.closed' }>): ObservedClose {
    const open = this.channelsByConnection.get(e.pid);
    const hadChannels = this.hadChannels.has(e.pid);
    this.channelsByConnection.delete(e.pid);
    this.hadChannels.delete(e.pid);
    const createdAt = this.createdAt.get(e.pid) ?? null;
    this.createdAt.delete(e.pid);
    const removedByBroker = this.consumersRemovedByBroker.delete(e.pid);
    for (const ch of open ?? []) this.connectionOfChannel.delete(ch);
    const base = { at: e.at, pid: e.pid, name: e.name, providedName: e.providedName, client: e.client, createdAt };
    if (!open) return { ...base, order: 'unknown', evidence: 'It was opened before rabbitpulse subscribed to broker events, so the order of its closing events is unknown.' };
    if (!hadChannels) return { ...base, order: 'unknown', evidence: 'It had no channels, so the order of its closing events tells nothing.' };
    if (open.size > 0) {
      const still = open.size === 1 ? 'one of its channels was' : `${open.size} of its channels were`;
      return { ...base, order: 'abrupt', evidence: `The connection closed while ${still} still open: TCP was dropped without a close handshake.` };
    }
    if (removedByBroker && e.client && CANCELS_CONSUMERS_ON_CLOSE.some((re) => re.test(e.client!))) {
      return {
        ...base,
        order: 'forced',
        evidence: `Its channels closed before the connection, but the broker removed its consumers itself first; ${e.client} cancels its own consumers when it closes, so someone else most probably closed it (management API or rabbitmqctl).`,
      };
    }
    return { ...base, order: 'clean', evidence: 'Its channels closed before the connection, as in an orderly close.' };
  }
}
