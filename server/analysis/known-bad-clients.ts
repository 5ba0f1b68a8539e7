import type { DefectArea, KnownDefect } from '../contract';
import { compareClientVersions, inVersionRange, parseClientVersion, type VersionRange } from './client-version';

/**
 * Client library versions with a documented defect in what rabbitpulse
 * watches: heartbeats, large messages, acks, connections. One row per defect,
 * each citing the library's own issue, pull request or commit; every version
 * boundary was read from the library's source history (tags containing the
 * fix, and the code before and after it), not guessed. To add a row, see the
 * README ("Known client defects").
 */
export interface KnownBadClient {
  /**
   * The exact `client_properties.product` strings the library sends (compared
   * ignoring case and surrounding spaces). Libraries that share a product
   * string — the RabbitMQ Java and .NET clients both send "RabbitMQ" — cannot
   * be told apart by it and have no rows here.
   */
  products: readonly string[];
  affected: VersionRange;
  fixedIn: string;
  area: DefectArea;
  defect: string;
  source: string;
}

const PIKA = ['Pika Python Client Library'];
const PY_AMQP = ['py-amqp'];
const AMQPLIB = ['amqplib'];
// rabbitmq/amqp091-go since 1.5.0; 1.3.4–1.4.x wrote it "Amqp 0.9.1 Client" (matched too: case is ignored).
const AMQP091_GO = ['AMQP 0.9.1 Client'];

export const KNOWN_BAD_CLIENTS: readonly KnownBadClient[] = [
  {
    // 0.9.13 replaced the outbound buffer (which kept unsent bytes) with a deque of frames; 0.9.12 and before are not affected.
    products: PIKA,
    affected: { from: '0.9.13', below: '0.9.14' },
    fixedIn: '0.9.14',
    area: 'large-messages',
    defect: 'When the socket accepts only part of a frame, the rest is dropped (the frame is already off the buffer and the count socket.send returns is ignored), so large messages are cut off mid-frame.',
    source: 'https://github.com/pika/pika/pull/456',
  },
  {
    products: PIKA,
    affected: { from: '0.9.14', below: '0.10.0' },
    fixedIn: '0.10.0',
    area: 'large-messages',
    defect: 'Frames are written with socket.sendall on a non-blocking socket; when the send buffer fills mid-frame the EAGAIN is ignored and the rest of the frame is lost, so large messages are cut off.',
    source: 'https://github.com/pika/pika/commit/7dc9bab3a44c85654f54af3fdbdb8c6a50f6847c',
  },
  {
    products: PIKA,
    affected: { below: '0.12.0' },
    fixedIn: '0.12.0',
    area: 'heartbeats',
    defect: 'Heartbeats are sent once per negotiated timeout instead of twice, so one slightly late heartbeat on an otherwise idle connection can make the broker close it.',
    source: 'https://github.com/pika/pika/issues/1055',
  },
  {
    products: PY_AMQP,
    affected: { from: '1.4.0', below: '5.2.0' },
    fixedIn: '5.2.0',
    area: 'heartbeats',
    defect: 'heartbeat_tick sends a heartbeat only once per negotiated timeout instead of twice, so an idle connection (a Celery or Kombu worker, say) runs at the edge of the broker\'s heartbeat limit.',
    source: 'https://github.com/celery/py-amqp/pull/405',
  },
  {
    products: AMQPLIB,
    affected: { below: '0.5.6' },
    fixedIn: '0.5.6',
    area: 'connection',
    defect: 'Under sustained publishing the frame multiplexer can throw an uncaught AssertionError (mux.js: "0 == N"), which ends the Node.js process and its connections.',
    source: 'https://github.com/amqp-node/amqplib/pull/503',
  },
  {
    products: AMQPLIB,
    affected: { from: '1.0.0', below: '1.0.3' },
    fixedIn: '1.0.3',
    area: 'connection',
    defect: 'When the socket pushes back (a full write buffer), the frame multiplexer drops its queue of channels by mistake and throws an uncaught AssertionError, which ends the Node.js process and its connections.',
    source: 'https://github.com/amqp-node/amqplib/issues/841',
  },
  {
    products: AMQP091_GO,
    affected: { from: '1.6.0', below: '1.6.1' },
    fixedIn: '1.6.1',
    area: 'connection',
    defect: 'Publishing from several goroutines can interleave or cut short frames in the shared write buffer ("short write"), and the broker closes the connection with a frame error.',
    source: 'https://github.com/rabbitmq/amqp091-go/issues/160',
  },
  {
    products: AMQP091_GO,
    affected: { below: '1.9.0' },
    fixedIn: '1.9.0',
    area: 'connection',
    defect: 'After a write fails with "connection reset by peer" the reader goroutine can block for good, so calls such as Channel() and Close() hang instead of returning an error.',
    source: 'https://github.com/rabbitmq/amqp091-go/issues/222',
  },
];

const sameProduct = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The rows of `table` this product and version fall in; none for an unknown product or an unreadable version. */
export function knownBadRowsOf(product: string | null, version: string | null, table: readonly KnownBadClient[] = KNOWN_BAD_CLIENTS): KnownBadClient[] {
  if (!product || !version) return [];
  return table.filter((row) => row.products.some((p) => sameProduct(p, product)) && inVersionRange(version, row.affected));
}

/** The known defects of a client library version, as ConnectionHealth carries them. */
export function knownDefectsOf(product: string | null, version: string | null, table: readonly KnownBadClient[] = KNOWN_BAD_CLIENTS): KnownDefect[] {
  return knownBadRowsOf(product, version, table).map(({ defect, fixedIn, area, source }) => ({ defect, fixedIn, area, source }));
}

/**
 * The lowest version to upgrade to so that none of the table's defects is
 * left: the highest fixedIn of the defects found, raised again while that
 * version is itself in a row (pika 0.9.13's send fix arrived in 0.9.14, which
 * had a send defect of its own). Null when there is nothing to upgrade for.
 */
export function upgradeTarget(product: string | null, defects: readonly Pick<KnownDefect, 'fixedIn'>[], table: readonly KnownBadClient[] = KNOWN_BAD_CLIENTS): string | null {
  let target = highest(defects.map((d) => d.fixedIn));
  // Each step moves to a strictly higher fixedIn of the same table, so this ends within table.length steps.
  for (let i = 0; target !== null && i < table.length; i++) {
    const still = knownBadRowsOf(product, target, table);
    if (still.length === 0) return target;
    target = highest([target, ...still.map((r) => r.fixedIn)]);
  }
  return target;
}

function highest(versions: readonly string[]): string | null {
  let best: string | null = null;
  for (const v of versions) {
    const parsed = parseClientVersion(v);
    const bestParsed = parseClientVersion(best);
    if (parsed && (!bestParsed || compareClientVersions(parsed, bestParsed) > 0)) best = v;
  }
  return best;
}
