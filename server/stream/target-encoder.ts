import type { ConnectionHealth, ProbeSample, ProbeState, QueueHealth, TargetDelta, TargetHealth, TargetSample, TargetSummary } from '../contract';
import { diffById } from './diff';
import { livenessChanges } from './liveness';
import { SentParts } from './sent-parts';
import { sameConnectionRow } from './silence';

/**
 * Encodes one target's changes as the TargetDelta browsers receive. It keeps
 * what browsers were last sent (rows by id, the summary's and the probe's
 * parts), so a delta carries only what differs: rows whose visible fields
 * changed go whole, connections heard from go as handles (`recvMoved`),
 * summary and probe go as changed parts. Sound because every change is
 * encoded the moment it is made, and a snapshot holds exactly the current
 * state — which is what was last sent.
 *
 * The store (domain state) never sees any of this; the hub hands each of the
 * store's results to the target's encoder. Decoding is ./apply-delta.ts.
 */
export class TargetEncoder {
  private connections: Map<string, ConnectionHealth> = new Map();
  private queues: Map<string, QueueHealth> = new Map();
  private readonly summaryParts = new SentParts<TargetSummary>();
  private readonly probeParts = new SentParts<ProbeState>();

  constructor(readonly targetId: string) {}

  /** A good poll: the whole lists as now derived, the summary, the poll's sample. */
  poll(p: { connections: readonly ConnectionHealth[]; queues: readonly QueueHealth[]; summary: TargetSummary; sample: TargetSample; observedAt: number }): TargetDelta {
    const connDiff = diffById(this.connections, p.connections, sameConnectionRow);
    const liveness = livenessChanges(this.connections, p.connections, new Set(connDiff.upserts.map((c) => c.id)), p.observedAt);
    const queueDiff = diffById(this.queues, p.queues);
    this.connections = connDiff.index;
    this.queues = queueDiff.index;
    return {
      ...this.empty(),
      summary: this.summaryParts.changes(p.summary),
      upsertConnections: [...connDiff.upserts, ...liveness.resend],
      removeConnections: connDiff.removals,
      upsertQueues: queueDiff.upserts,
      removeQueues: queueDiff.removals,
      sample: p.sample,
      ...(liveness.recvMoved ? { recvMoved: liveness.recvMoved } : {}),
    };
  }

  /** A failed poll: only the summary (its status) can have changed. */
  summary(summary: TargetSummary): TargetDelta {
    return { ...this.empty(), summary: this.summaryParts.changes(summary) };
  }

  /**
   * The target's health as a summary part, only if it changed since last
   * sent (the hub derives it after every write; it changes rarely, so most
   * deltas do not carry it). Empty when unchanged.
   */
  health(health: TargetHealth): Partial<TargetSummary> {
    return this.summaryParts.changes({ health });
  }

  /** A delta of the health alone (after an alert change), or null when it did not change. */
  healthDelta(health: TargetHealth): TargetDelta | null {
    const summary = this.health(health);
    return summary.health ? { ...this.empty(), summary } : null;
  }

  /** Connections found closed between polls (event exchange, close sweep). */
  removed(connectionIds: readonly string[]): TargetDelta {
    const delta = this.empty();
    for (const id of connectionIds) if (this.connections.delete(id)) delta.removeConnections.push(id);
    return delta;
  }

  probe(state: ProbeState, sample: ProbeSample): TargetDelta {
    const probe = this.probeParts.changes(state);
    return { ...this.empty(), ...(Object.keys(probe).length > 0 ? { probe } : {}), probeSamples: [sample] };
  }

  private empty(): TargetDelta {
    return { targetId: this.targetId, upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [] };
  }
}
