import { describe, expect, it } from 'vitest';
import type { AlertState, DeliveryKind } from '../../../server/contract';
import { step, type AlertInstance, type RuleTiming } from '../../../server/alerts/state-machine';

const RULE: RuleTiming = { id: 'r', title: 'Rule', severity: 'warning', forMs: 10_000, resolveAfterMs: 5_000, explanation: 'why' };
const OBJ = { kind: 'connection' as const, id: 'c1', label: 'conn 1' };

/**
 * Walks one alert through a sequence of (time, condition holds?) steps and
 * records its state and notifications after each: the table is the spec.
 */
function walk(rule: RuleTiming, seq: Array<[number, boolean]>, opts: { reminderIntervalMs?: number; silencedAt?: (t: number) => boolean } = {}) {
  let inst: AlertInstance | undefined;
  const out: Array<[number, AlertState | 'none', DeliveryKind | null]> = [];
  for (const [t, holds] of seq) {
    const r = step(inst, rule, 'local', {
      now: t,
      observation: holds ? { object: OBJ, value: `v@${t}` } : null,
      reminderIntervalMs: opts.reminderIntervalMs ?? 0,
      silenced: opts.silencedAt?.(t) ?? false,
    });
    inst = r.next;
    out.push([t, inst?.alert.state ?? 'none', r.notify]);
  }
  return { out, inst };
}

describe('alert state machine, step by step', () => {
  it('pending → firing after `for`, then resolved after the hysteresis', () => {
    const { out } = walk(RULE, [
      [0, true],
      [5_000, true],
      [10_000, true],
      [12_000, false],
      [16_000, false],
      [17_000, false],
      [20_000, false],
    ]);
    expect(out).toEqual([
      [0, 'pending', null],
      [5_000, 'pending', null],
      [10_000, 'firing', 'firing'],
      [12_000, 'firing', null], // clear for 0 s
      [16_000, 'firing', null], // clear for 4 s < 5 s
      [17_000, 'resolved', 'resolved'],
      [20_000, 'resolved', null],
    ]);
  });

  it('a pending alert that clears is dropped without a word', () => {
    const { out } = walk(RULE, [
      [0, true],
      [9_000, false],
      [10_000, true],
    ]);
    expect(out).toEqual([
      [0, 'pending', null],
      [9_000, 'none', null],
      [10_000, 'pending', null], // a new episode starts the `for` clock again
    ]);
  });

  it('flapping while firing does not spam: one firing, one resolved', () => {
    const seq: Array<[number, boolean]> = [[0, true], [10_000, true]];
    for (let t = 11_000; t < 40_000; t += 1_000) seq.push([t, t % 2000 === 0]); // on/off every second
    seq.push([40_000, false], [43_000, false], [44_000, false]); // last held at 38 s, clear from 39 s
    const { out } = walk(RULE, seq);
    const notes = out.filter(([, , n]) => n !== null).map(([t, , n]) => [t, n]);
    expect(notes).toEqual([
      [10_000, 'firing'],
      [44_000, 'resolved'], // 5 s after it last cleared
    ]);
  });

  it('fires at once when `for` is 0, and re-fires as a new episode after resolving', () => {
    const rule = { ...RULE, forMs: 0, resolveAfterMs: 0 };
    const { out, inst } = walk(rule, [
      [0, true],
      [1_000, false],
      [2_000, true],
    ]);
    expect(out).toEqual([
      [0, 'firing', 'firing'],
      [1_000, 'resolved', 'resolved'],
      [2_000, 'firing', 'firing'],
    ]);
    expect(inst!.alert.notifications).toBe(3);
    expect(inst!.alert.firstSeenAt).toBe(2_000);
  });

  it('reminds while firing, at the configured interval', () => {
    const rule = { ...RULE, forMs: 0 };
    const seq: Array<[number, boolean]> = [];
    for (let t = 0; t <= 70_000; t += 10_000) seq.push([t, true]);
    const { out } = walk(rule, seq, { reminderIntervalMs: 30_000 });
    expect(out.filter(([, , n]) => n).map(([t, , n]) => [t, n])).toEqual([
      [0, 'firing'],
      [30_000, 'reminder'],
      [60_000, 'reminder'],
    ]);
  });

  it('an acknowledged alert gets no reminders but still resolves with a notification', () => {
    const rule = { ...RULE, forMs: 0, resolveAfterMs: 0 };
    let r = step(undefined, rule, 'local', { now: 0, observation: { object: OBJ, value: 'v' }, reminderIntervalMs: 10_000, silenced: false });
    const acked: AlertInstance = { ...r.next!, alert: { ...r.next!.alert, acknowledgedAt: 1 } };
    r = step(acked, rule, 'local', { now: 50_000, observation: { object: OBJ, value: 'v' }, reminderIntervalMs: 10_000, silenced: false });
    expect(r.notify).toBeNull();
    r = step(r.next, rule, 'local', { now: 60_000, observation: null, reminderIntervalMs: 10_000, silenced: false });
    expect(r.notify).toBe('resolved');
  });

  it('silenced alerts change state but send nothing', () => {
    const rule = { ...RULE, forMs: 0, resolveAfterMs: 0 };
    const { out, inst } = walk(rule, [[0, true], [1_000, false]], { silencedAt: () => true });
    expect(out).toEqual([
      [0, 'firing', null],
      [1_000, 'resolved', null],
    ]);
    expect(inst!.alert.notifications).toBe(0);
  });

  it('counts a firing or resolved a silence held back, but not the reminders that stay due while it lasts', () => {
    const rule = { ...RULE, forMs: 0, resolveAfterMs: 0 };
    const seq: Array<[number, boolean]> = [];
    for (let t = 0; t <= 50_000; t += 10_000) seq.push([t, true]);
    seq.push([60_000, false]);
    // Fired and notified at 0, silenced from 5 s: a reminder is due at every step after 10 s.
    const { out, inst } = walk(rule, seq, { reminderIntervalMs: 10_000, silencedAt: (t) => t >= 5_000 });
    expect(out.filter(([, , n]) => n !== null).map(([t, , n]) => [t, n])).toEqual([[0, 'firing']]);
    expect(inst!.alert.delivery).toEqual({ notifiers: [], silenced: 1 }); // the resolved
  });

  it('keeps the alert id stable for the same rule, target and object', () => {
    const { inst } = walk(RULE, [[0, true]]);
    expect(inst!.alert.id).toBe('r|local|connection:c1');
  });
});
