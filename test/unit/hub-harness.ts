import { vi } from 'vitest';
import type { Delta } from '../../server/contract';
import { Hub } from '../../server/state/hub';
import { TargetStore } from '../../server/state/target-store';
import { failedOutcome, okOutcome, rawPoll, targetConfig } from './builders';

/**
 * One target's store in a hub, as the server wires them, with the deltas it
 * publishes collected and shorthands to feed it polls (good or failed).
 */
export function hubWithOneTarget() {
  const store = new TargetStore(targetConfig(), 100);
  const hub = new Hub([store], 50);
  const deltas: Delta[] = [];
  hub.onDelta((d) => deltas.push(d));
  const poll = (p: ReturnType<typeof rawPoll>) => hub.applyOutcome('local', okOutcome(p), { attemptAt: p.startedAt, nextPollAt: p.startedAt + 5000 });
  const fail = (at: number, kind: 'timeout' | 'refused' = 'timeout') => {
    vi.setSystemTime(at);
    return hub.applyOutcome('local', failedOutcome({ kind, message: `The management API did not answer (${kind}).` }), { attemptAt: at, nextPollAt: at + 10_000 });
  };
  const ids = () => hub.state().targets[0]!.connections.map((c) => c.id);
  const closes = () => hub.events().filter((e) => e.kind === 'connection.closed');
  return { store, hub, deltas, poll, fail, ids, closes };
}
