import type { Alert, PulseEvent, Silence, TargetSample } from '../contract';
import type { OutboxItem } from '../alerts/types';
import type { AlertRow, EventRow, OutboxRow, SampleRow, SilenceRow } from './protocol';

/** Contract objects → table rows. Runs on the caller's thread, so the row is a snapshot taken at record time. */

export function eventRow(e: PulseEvent): EventRow {
  return { id: e.id, at: e.at, targetId: e.targetId, kind: e.kind, body: JSON.stringify(e) };
}

/** Copies the five numbers (and nothing else the caller's object may carry). */
export function sampleRow(targetId: string, s: TargetSample): SampleRow {
  return { targetId, at: s.at, connections: s.connections, channels: s.channels, ready: s.ready, unacked: s.unacked };
}

export function alertRow(a: Alert): AlertRow {
  return { id: a.id, state: a.state, rule: a.rule, targetId: a.targetId, updatedAt: a.since, body: JSON.stringify(a) };
}

export function silenceRow(s: Silence): SilenceRow {
  return { id: s.id, until: s.until, body: JSON.stringify(s) };
}

export function outboxRow(item: OutboxItem): OutboxRow {
  return {
    id: item.id,
    notifierId: item.notifierId,
    state: item.state,
    nextAttemptAt: item.nextAttemptAt,
    createdAt: item.createdAt,
    body: JSON.stringify(item),
  };
}
