import type { Certainty, CloseCause, EventKind, PulseEvent } from '../../server/contract';
import type { Level } from '../health/level';

export const KIND_TITLE: Record<EventKind, string> = {
  'connection.closed': 'Connection closed',
  'probe.reset': 'Probe connection lost',
  'probe.recovered': 'Probe connection back',
  'probe.channel-error': 'Probe channel closed by the broker',
  'large-message.failed': 'Large message failed',
  'auth.failure': 'Login failed',
  alarm: 'Resource alarm',
};

export const CAUSE_WORDS: Record<CloseCause, { word: string; level: Level }> = {
  clean: { word: 'clean close', level: 'neutral' },
  abrupt: { word: 'dropped without a close', level: 'warn' },
  'heartbeat-suspected': { word: 'missed heartbeats suspected', level: 'warn' },
  forced: { word: 'force-closed', level: 'warn' },
  'client-heartbeat-timeout': { word: 'broker went silent', level: 'crit' },
  'reset-by-broker': { word: 'reset by the broker', level: 'crit' },
  'channel-error': { word: 'channel error', level: 'crit' },
  refused: { word: 'connection refused', level: 'crit' },
  unreachable: { word: 'unreachable', level: 'crit' },
  'auth-failure': { word: 'credentials refused', level: 'crit' },
  alarm: { word: 'resource alarm', level: 'crit' },
  unknown: { word: 'cause unknown', level: 'neutral' },
};

export const CERTAINTY_WORDS: Record<Certainty, string> = {
  certain: 'certain',
  likely: 'likely',
  possible: 'possible',
  unknown: 'not determined',
};

/** A recovery is good news whatever caused the outage before it. */
export function eventLevel(event: PulseEvent): Level {
  return event.kind === 'probe.recovered' ? 'ok' : CAUSE_WORDS[event.cause].level;
}

/** Groups for the timeline's kind filter. */
export const KIND_FILTERS = [
  { id: 'all', label: 'All events', kinds: null },
  { id: 'closed', label: 'Connections closed', kinds: ['connection.closed'] },
  { id: 'probe', label: 'Probe', kinds: ['probe.reset', 'probe.recovered', 'probe.channel-error', 'large-message.failed'] },
  { id: 'broker', label: 'Alarms and logins', kinds: ['alarm', 'auth.failure'] },
] as const satisfies ReadonlyArray<{ id: string; label: string; kinds: readonly EventKind[] | null }>;

export type KindFilterId = (typeof KIND_FILTERS)[number]['id'];
