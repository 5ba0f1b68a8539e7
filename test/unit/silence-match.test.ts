import { describe, expect, it } from 'vitest';
import type { Silence } from '../../server/contract';
import { coveredUntil, silenceCovers, type SilenceSubject } from '../../server/shared/silence-match';

const T0 = 1_700_000_000_000;
const subject: SilenceSubject = { rule: 'backlog-without-consumers', targetId: 'local', object: { id: 'q1' } };

function silence(overrides: Partial<Silence> = {}): Silence {
  return { id: 's', rule: null, targetId: null, objectId: null, createdAt: T0, until: T0 + 60_000, comment: '', ...overrides };
}

describe('silenceCovers', () => {
  it.each<[string, Partial<Silence>, SilenceSubject, boolean]>([
    ['names nothing: covers everything', {}, subject, true],
    ['its rule', { rule: 'backlog-without-consumers' }, subject, true],
    ['another rule', { rule: 'unacked-growth' }, subject, false],
    ['its target', { targetId: 'local' }, subject, true],
    ['another target', { targetId: 'prod' }, subject, false],
    ['its object, on its target', { targetId: 'local', objectId: 'q1' }, subject, true],
    ['another object', { objectId: 'q2' }, subject, false],
    ['an object, the subject has none yet', { objectId: 'q1' }, { rule: subject.rule, targetId: 'local' }, false],
    ['no object named, the subject has none yet', { targetId: 'local' }, { rule: subject.rule, targetId: 'local' }, true],
    ['rule, target and object all its own', { rule: 'backlog-without-consumers', targetId: 'local', objectId: 'q1' }, subject, true],
    ['one of three not its own', { rule: 'backlog-without-consumers', targetId: 'prod', objectId: 'q1' }, subject, false],
  ])('%s → %s', (_, s, subj, expected) => {
    expect(silenceCovers(silence(s), subj)).toBe(expected);
  });
});

describe('coveredUntil', () => {
  it('is the end of the longest covering silence in force', () => {
    const silences = [silence({ id: 'a', until: T0 + 10 }), silence({ id: 'b', until: T0 + 30 }), silence({ id: 'c', until: T0 + 20 })];
    expect(coveredUntil(silences, subject, T0)).toBe(T0 + 30);
  });

  it('ignores silences that ended and silences that do not cover', () => {
    const silences = [silence({ id: 'old', until: T0 }), silence({ id: 'other', rule: 'unacked-growth', until: T0 + 99 })];
    expect(coveredUntil(silences, subject, T0)).toBeNull();
    expect(coveredUntil([], subject, T0)).toBeNull();
  });
});
