import { describe, expect, it } from 'vitest';
import { applyDelta, applyQueuesPart, queuesStreamed, viewFromSnapshot, withoutQueueRows } from '../../server/stream/apply-delta';
import type { Delta, TargetDelta } from '../../server/contract';
import { parseInterest, snapshotFor, withoutQueues } from '../../server/stream/interest';
import { connectionHealth, queueHealth, snapshot, targetState } from './builders';

const full = snapshot({
  seq: 7,
  targets: [targetState({ id: 'eu', connections: [connectionHealth()], queues: [queueHealth({ name: 'q1' }), queueHealth({ name: 'q2' })] })],
});

function delta(seq: number, target: Partial<TargetDelta> = {}): Delta {
  return { seq, serverTime: 1, targets: [{ targetId: 'eu', upsertConnections: [], removeConnections: [], upsertQueues: [], removeQueues: [], ...target }], events: [] };
}

describe('parseInterest', () => {
  it.each([
    [undefined, { queues: true }],
    [null, { queues: true }],
    ['queues', { queues: true }],
    [{}, { queues: true }],
    [{ queues: 'no' }, { queues: true }],
    [{ queues: false }, { queues: false }],
    [{ queues: true, other: 1 }, { queues: true }],
  ])('%j → %j (anything unreadable means everything)', (raw, expected) => {
    expect(parseInterest(raw)).toEqual(expected);
  });
});

describe('snapshotFor', () => {
  it('is the snapshot itself for a socket that wants queues', () => {
    expect(snapshotFor(full, { queues: true })).toBe(full);
  });

  it('empties every target’s queues and says so, leaving the rest alone', () => {
    const lean = snapshotFor(full, { queues: false });
    expect(lean.interest).toEqual({ queues: false });
    expect(lean.targets[0]!.queues).toEqual([]);
    expect(lean.targets[0]!.connections).toBe(full.targets[0]!.connections);
    expect(full.targets[0]!.queues).toHaveLength(2); // not mutated
  });
});

describe('withoutQueues', () => {
  it('returns the same delta when it carries no queue change (one serialisation for everyone)', () => {
    const d = delta(8, { upsertConnections: [connectionHealth()] });
    expect(withoutQueues(d)).toBe(d);
  });

  it('strips queue upserts and removals and keeps everything else', () => {
    const d = delta(8, { upsertQueues: [queueHealth({ name: 'q3' })], removeQueues: ['/q1'], upsertConnections: [connectionHealth()] });
    const lean = withoutQueues(d);
    expect(lean.targets[0]).toEqual({ ...d.targets[0], upsertQueues: [], removeQueues: [] });
    expect(lean.seq).toBe(8);
    expect(d.targets[0]!.upsertQueues).toHaveLength(1); // not mutated
  });
});

describe('the browser side', () => {
  const lean = viewFromSnapshot(snapshotFor(full, { queues: false }));

  it('knows its queue rows are not streamed, and keeps knowing through deltas', () => {
    expect(queuesStreamed(lean)).toBe(false);
    const r = applyDelta(lean, delta(8));
    expect(r.ok && queuesStreamed(r.view)).toBe(false);
    expect(queuesStreamed(viewFromSnapshot(full))).toBe(true);
  });

  it('takes in queue rows as of its own seq, and refuses rows from another point in the stream', () => {
    const part = { seq: 7, queues: { eu: full.targets[0]!.queues } };
    const joined = applyQueuesPart(lean, part);
    expect(joined && queuesStreamed(joined)).toBe(true);
    expect(joined?.targets[0]!.queues).toEqual(full.targets[0]!.queues);
    expect(applyQueuesPart(lean, { ...part, seq: 8 })).toBeNull();
    expect(applyQueuesPart(lean, { ...part, seq: 6 })).toBeNull();
  });

  it('drops the rows when the page stops showing them', () => {
    const dropped = withoutQueueRows(viewFromSnapshot(full));
    expect(queuesStreamed(dropped)).toBe(false);
    expect(dropped.targets[0]!.queues).toEqual([]);
  });
});
