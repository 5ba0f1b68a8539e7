import { describe, expect, it } from 'vitest';
import type { Delta, PulseEvent } from '../../../server/contract';
import { receivedCloses, tallySources } from '../../../scripts/bench/measure/close-events';

const close = (id: string, connection: string, source: PulseEvent['source']): PulseEvent => ({
  id,
  targetId: 'bench',
  at: 0,
  kind: 'connection.closed',
  connection,
  cause: 'forced',
  certainty: source === 'broker-log' ? 'certain' : 'likely',
  source,
  explanation: '',
  lastKnown: null,
});
const delta = (seq: number, events: PulseEvent[]): Delta => ({ seq, serverTime: seq, targets: [], events });

describe('receivedCloses', () => {
  it('keeps each close as first sent and marks it refined when the same id comes again in the broker\'s words', () => {
    const deltas = [
      delta(1, [close('e1', 'victim/1', 'event-exchange'), close('e2', 'victim/2', 'broker-log')]),
      delta(2, [close('e3', 'victim/3', 'event-exchange'), close('x', 'other', 'event-exchange')]),
      delta(3, [close('e1', 'victim/1', 'broker-log')]),
    ];
    const closes = receivedCloses(deltas, (e) => e.connection?.startsWith('victim/') ?? false);
    expect([...closes.keys()]).toEqual(['e1', 'e2', 'e3']);
    expect(closes.get('e1')).toMatchObject({ first: { source: 'event-exchange' }, refined: true });
    expect(closes.get('e2')?.refined).toBe(false);
    expect(tallySources(closes.values())).toEqual({ bySource: { 'event-exchange': 2, 'broker-log': 1 }, refined: 1 });
  });

  it('ignores other kinds of event and a repeat that is not in the broker\'s words', () => {
    const reset: PulseEvent = { ...close('p', 'victim/9', 'probe'), kind: 'probe.reset' };
    const closes = receivedCloses([delta(1, [reset, close('e1', 'victim/1', 'event-exchange')]), delta(2, [close('e1', 'victim/1', 'event-exchange')])], () => true);
    expect([...closes.keys()]).toEqual(['e1']);
    expect(closes.get('e1')?.refined).toBe(false);
  });
});
