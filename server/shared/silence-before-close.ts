/**
 * What is known of a closed connection's silence, from its last poll: how
 * long it had been silent then, and how long before the close that poll
 * was. No upper bound is claimed: the counter trails the wire (STATS_LAG_SEC
 * in close-cause.ts), so the real silence was at least this. Shared by the
 * server's explanation and the browser's event card, so both say the same.
 */
export type SilenceBeforeClose =
  | { kind: 'unknown' }
  /** The last poll was right before the close: its silence is the silence before vanishing. */
  | { kind: 'silent-at-close'; silentSec: number }
  /** The last poll saw bytes arriving: it was not silent then, whatever happened after. */
  | { kind: 'still-sending'; beforeSec: number }
  | { kind: 'silent-at-poll'; silentSec: number; beforeSec: number };

/** The silence the last poll measured, carried forward to the close (`closedAt`) by the time between them. */
export function projectedSilenceSec(silenceSec: number | null, lastSeenAt: number, closedAt: number): number | null {
  return silenceSec === null ? null : silenceSec + Math.max(0, closedAt - lastSeenAt) / 1000;
}

export function silenceBeforeClose(atLastPollSec: number | null, projectedSec: number | null): SilenceBeforeClose {
  if (atLastPollSec === null || projectedSec === null) return { kind: 'unknown' };
  const silentSec = Math.round(atLastPollSec);
  const beforeSec = Math.round(projectedSec - atLastPollSec);
  if (beforeSec < 1) return { kind: 'silent-at-close', silentSec };
  if (silentSec < 1) return { kind: 'still-sending', beforeSec };
  return { kind: 'silent-at-poll', silentSec, beforeSec };
}

/** As a predicate of "it": "was still sending at the last poll, 5 s before it vanished"; empty when unknown. */
export function silenceBeforeCloseWords(s: SilenceBeforeClose): string {
  switch (s.kind) {
    case 'unknown':
      return '';
    case 'silent-at-close':
      return `had sent nothing for about ${s.silentSec} s`;
    case 'still-sending':
      return `was ${stillSendingWords(s.beforeSec)}`;
    case 'silent-at-poll':
      return `had sent nothing for about ${s.silentSec} s at the last poll, ${s.beforeSec} s before it vanished`;
  }
}

/** "still sending at the last poll, 5 s before it vanished": the event card's fact, the explanation's clause. */
export function stillSendingWords(beforeSec: number): string {
  return `still sending at the last poll, ${beforeSec} s before it vanished`;
}
