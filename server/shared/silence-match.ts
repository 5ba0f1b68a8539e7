import type { Silence } from '../contract';

/**
 * Which alerts a silence covers. The engine decides with it whether to
 * notify, and the alerts page shows with it what a silence it just made
 * covers before the server's next word; one definition keeps the two from
 * disagreeing. Pure (the UI imports it).
 */

/** What a silence is matched against: an alert, or the rule, target and object an alert would have. */
export interface SilenceSubject {
  rule: string;
  targetId: string;
  /** Absent when not known yet: then a silence that names an object does not cover it. */
  object?: { id: string } | undefined;
}

/** Each of rule, target and object the silence names must be the subject's; one it leaves empty matches any. Time is not considered. */
export function silenceCovers(s: Pick<Silence, 'rule' | 'targetId' | 'objectId'>, subject: SilenceSubject): boolean {
  return (!s.rule || s.rule === subject.rule) && (!s.targetId || s.targetId === subject.targetId) && (!s.objectId || s.objectId === subject.object?.id);
}

/** When the longest silence in force that covers the subject ends; null when none does. */
export function coveredUntil(silences: readonly Silence[], subject: SilenceSubject, now: number): number | null {
  let until: number | null = null;
  for (const s of silences) if (s.until > now && silenceCovers(s, subject) && (until === null || s.until > until)) until = s.until;
  return until;
}
