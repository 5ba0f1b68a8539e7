import type { PulseEvent } from '../../../server/contract';
import { probeConnectionName } from '../../../server/sources/probes/probe-connection';
import { waitFor } from '../../../test/support/wait';
import type { Management } from '../broker/management';
import type { EventWatch } from '../broker/event-watch';
import type { Fleet } from '../load/fleet';
import type { MeteredClient } from '../app/wire-meter';
import { log } from '../support/log';
import { sleep } from '../support/stats';
import { receivedCloses, tallySources } from './close-events';

export interface Detection {
  label: string;
  /** From the DELETE leaving the benchmark to the delta with the event arriving at the socket.io client. */
  latencyMs: number[];
  /** …to the event being in the client's view (as a browser would show it; later if its delta came out of order). */
  shownMs: number[];
  /** Sequence gaps the client saw during these resets (each cost it a full snapshot). */
  gaps: number;
  /** From the DELETE leaving to the broker's own connection.closed arriving here: the floor. */
  brokerMs: number[];
  /** rabbitpulse's own share: from the broker's connection.closed arriving here to the event in the client's view. */
  ownMs: number[];
  /** Poll path: how long the management API still listed the connection after the DELETE. */
  listedMs: number[];
  /** Which source reported each close first. */
  sources: Record<string, number>;
  /**
   * Closes sent again later in the broker's words: its log line came after the
   * close had been posted without it (the joiner's wait ran out). Absent in
   * runs before the broker log.
   */
  refined?: number;
  missed: number;
}

const empty = (label: string): Detection => ({ label, latencyMs: [], shownMs: [], gaps: 0, brokerMs: [], ownMs: [], listedMs: [], sources: {}, refined: 0, missed: 0 });

/** After the last close, how long a late log line has to refine it before the refinements are counted. */
const REFINE_GRACE_MS = 2_000;

/** Finds an event in deltas that arrived after index `from`, with when it arrived. */
function findEvent(client: MeteredClient, from: number, match: (e: PulseEvent) => boolean): { event: PulseEvent; at: number } | undefined {
  const deltas = client.live.deltas;
  for (let i = from; i < deltas.length; i++) {
    const event = deltas[i]!.events.find(match);
    if (event) return { event, at: client.live.receivedAt.get(deltas[i]!.seq)! };
  }
  return undefined;
}

async function record(d: Detection, client: MeteredClient, t0: number, found: { event: PulseEvent; at: number }, brokerAt: number | undefined): Promise<void> {
  d.latencyMs.push(found.at - t0);
  const shown = await waitFor('the event in the client view', () => client.shownAt(found.event.id), { timeoutMs: 20_000, intervalMs: 5 }).catch(() => NaN);
  d.shownMs.push(shown - t0);
  if (brokerAt !== undefined) {
    d.brokerMs.push(brokerAt - t0);
    d.ownMs.push(shown - brokerAt);
  }
  d.sources[found.event.source] = (d.sources[found.event.source] ?? 0) + 1;
}

/**
 * When the broker's own connection.closed for this close reached the
 * benchmark's subscriber. It can arrive after the client saw the close, and
 * the broker reuses a name (client address and port) a minute later, so an
 * older close of the same name is not this one.
 */
function brokerCloseAfter(events: EventWatch, name: string, t0: number): Promise<number | undefined> {
  return waitFor('the broker\'s own connection.closed', () => {
    const at = events.closedAt(name);
    return at !== undefined && at >= t0 ? at : undefined;
  }, { timeoutMs: 5_000, intervalMs: 5 }).catch(() => undefined);
}

/**
 * rabbitpulse's own probe connection, force-closed through the management
 * API as an admin would, `resets` times; after each, waits for the probe to
 * reconnect before the next.
 */
export async function probeResets(o: { client: MeteredClient; mgmt: Management; events: EventWatch; targetId: string; resets: number }): Promise<Detection> {
  const d = empty('probe connection force-closed');
  const provided = probeConnectionName(o.targetId);
  const gaps0 = o.client.gaps();
  let name = await o.events.waitForOpen(provided);
  for (let i = 0; i < o.resets; i++) {
    // The management API lists a new connection only after its next statistics emission (≤ 5 s);
    // until then a DELETE answers 404 and closes nothing.
    await waitFor('the management API to list the probe connection', () => o.mgmt.knowsConnection(name), { timeoutMs: 15_000, intervalMs: 100 });
    o.client.clear();
    const reason = `rabbitpulse benchmark reset ${i + 1}`;
    const t0 = Date.now();
    await o.mgmt.closeConnection(name, reason);
    const found = await waitFor('the probe reset at the client', () => findEvent(o.client, 0, (e) => e.kind === 'probe.reset'), { timeoutMs: 10_000, intervalMs: 5 }).catch(() => undefined);
    if (found) await record(d, o.client, t0, found, await brokerCloseAfter(o.events, name, t0));
    else d.missed++;
    name = await o.events.waitForOpen(provided, name);
    // Let the new connection settle (channels, consumer, first round trip) before the next reset.
    await waitFor('the probe to recover', () => findEvent(o.client, 0, (e) => e.kind === 'probe.recovered'), { timeoutMs: 15_000, intervalMs: 20 });
    await sleep(200 + Math.random() * 300);
  }
  d.gaps = o.client.gaps() - gaps0;
  log(`detection (${d.label}): ${d.latencyMs.length} resets seen, ${d.missed} missed, ${d.gaps} sequence gaps`);
  return d;
}

/**
 * Application connections (opened for this purpose, one channel each),
 * force-closed one at a time; each must be reported as `connection.closed`.
 * With the event exchange on that is its path; with it off, only the poll can
 * see the close, so closes are spread at random over many poll intervals
 * (several per interval) rather than waiting out each one in turn.
 */
export async function applicationResets(o: {
  client: MeteredClient;
  mgmt: Management;
  events: EventWatch;
  fleet: Fleet;
  resets: number;
  label: string;
  prefix: string;
  /** Poll path: spread the closes over this many ms instead of one after another. */
  spreadOverMs?: number;
}): Promise<Detection> {
  const d = empty(o.label);
  const names = Array.from({ length: o.resets }, (_, i) => `${o.prefix}/${String(i).padStart(3, '0')}`);
  await o.fleet.openVictims(names);
  // Each must have been seen by a poll, as any real connection would have been.
  await o.client.live.waitForView(`${names.length} victim connections in the view`, (v) => {
    const seen = new Set(v.targets.flatMap((t) => t.connections.map((c) => c.name)));
    return names.every((n) => seen.has(n));
  }, 30_000);
  o.client.clear();
  const gaps0 = o.client.gaps();
  const closeAndWait = async (provided: string) => {
    const name = o.events.nameOf(provided);
    if (!name) throw new Error(`no broker name known for ${provided}`);
    const t0 = Date.now();
    await o.mgmt.closeConnection(name, `rabbitpulse benchmark close of ${provided}`);
    // A poll can only miss a connection the management API no longer lists.
    if (o.spreadOverMs) {
      const gone = await waitFor(`${provided} to leave the management API`, async () => !(await o.mgmt.knowsConnection(name)) && Date.now(), { timeoutMs: 30_000, intervalMs: 50 }).catch(() => NaN);
      d.listedMs.push(gone - t0);
    }
    const found = await waitFor(`the close of ${provided} at the client`, () => findEvent(o.client, 0, (e) => e.kind === 'connection.closed' && e.connection === provided), {
      timeoutMs: 30_000,
      intervalMs: 5,
    }).catch(() => undefined);
    if (found) await record(d, o.client, t0, found, await brokerCloseAfter(o.events, name, t0));
    else d.missed++;
  };
  if (o.spreadOverMs) {
    const spread = o.spreadOverMs;
    await Promise.all(names.map(async (n) => (await sleep(Math.random() * spread), closeAndWait(n))));
  } else {
    for (const n of names) {
      await closeAndWait(n);
      await sleep(50 + Math.random() * 100);
    }
  }
  await sleep(REFINE_GRACE_MS);
  // Every delta since the clear above is still held: a refinement is the same event id again.
  d.refined = tallySources(receivedCloses(o.client.live.deltas, (e) => e.connection?.startsWith(`${o.prefix}/`) ?? false).values()).refined;
  d.gaps = o.client.gaps() - gaps0;
  log(`detection (${d.label}): ${d.latencyMs.length} closes seen, ${d.missed} missed, ${d.refined} refined later, ${d.gaps} sequence gaps`);
  return d;
}
