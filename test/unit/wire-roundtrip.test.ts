import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionHealth, Delta } from '../../server/contract';
import { Hub } from '../../server/state/hub';
import { TargetStore } from '../../server/state/target-store';
import { applyDelta, viewFromSnapshot, type LiveView } from '../../server/stream/apply-delta';
import { decodeHandles } from '../../server/stream/liveness';
import { okOutcome, rawChannel, rawConnection, rawPoll, targetConfig } from './builders';

const T0 = 1_795_000_000_000;

/** A deterministic generator, so a failure names a reproducible seed. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

interface Sim {
  recvOct: number | null;
  unacked: number;
  timeout: number;
}

const byId = (rows: readonly ConnectionHealth[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

/**
 * The browser's copy must equal the server's state after any run of polls,
 * although rows are re-sent only when their key changes and heartbeats
 * travel as handles: this is what makes the cheap wire format safe.
 */
describe('browser view after deltas = server state', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random fleet with heartbeats, churn and unacked changes (seed %i)', (seed) => {
    const rnd = random(seed);
    const store = new TargetStore(targetConfig(), 100);
    const hub = new Hub([store], 50);
    const deltas: Delta[] = [];
    hub.onDelta((d) => deltas.push(d));
    const fleet = new Map<string, Sim>();
    let nextPort = 40_000;
    const add = () => fleet.set(`10.0.0.1:${nextPort++} -> 127.0.0.1:5672`, { recvOct: rnd() < 0.1 ? null : 100, unacked: 0, timeout: rnd() < 0.5 ? 60 : 5 });
    for (let i = 0; i < 40; i++) add();

    let view: LiveView | null = null;
    let recvMovedSeen = 0;
    for (let poll = 0; poll < 30; poll++) {
      const at = T0 + poll * 5000;
      vi.setSystemTime(at);
      for (const [id, sim] of fleet) {
        const r = rnd();
        if (r < 0.03) fleet.delete(id);
        else if (r < 0.3 && sim.recvOct !== null) sim.recvOct += 8; // a heartbeat
        else if (r < 0.33) sim.unacked += 1;
        else if (r < 0.35) sim.recvOct = sim.recvOct === null ? 500 : null; // the broker left the counter out, or put it back
      }
      if (rnd() < 0.3) add();
      const connections = [...fleet].map(([name, s]) => rawConnection({ name, providedName: null, peerHost: null, peerPort: null, recvOct: s.recvOct, timeout: s.timeout }));
      const channels = [...fleet].map(([name, s]) => rawChannel({ connectionName: name, unacked: s.unacked }));
      hub.applyOutcome('local', okOutcome(rawPoll(at, { connections, channels, consumers: [] })), { attemptAt: at, nextPollAt: at + 5000 });
      if (poll === 2) {
        view = viewFromSnapshot(hub.snapshot());
        deltas.length = 0;
      }
      if (view) {
        for (const d of deltas.splice(0)) {
          const moved = d.targets[0]?.recvMoved;
          recvMovedSeen += moved ? decodeHandles(moved).length : 0;
          const out = applyDelta(view, d);
          if (!out.ok) throw new Error(out.reason);
          view = out.view;
        }
        const { connections: shown, queues: shownQueues, probe: _p, ...shownSummary } = view.targets[0]!;
        const { connections: held, queues: heldQueues, probe: _q, ...heldSummary } = store.state();
        expect(byId(shown), `poll ${poll}`).toEqual(byId(held));
        expect(shownQueues).toEqual(heldQueues);
        // Summaries travel as the parts that changed; merged, they must be the whole.
        expect(shownSummary).toEqual(heldSummary);
        // Handles are reused, but never two open connections by one.
        expect(new Set(held.map((c) => c.handle)).size).toBe(held.length);
      }
    }
    expect(recvMovedSeen).toBeGreaterThan(0);
  });
});
