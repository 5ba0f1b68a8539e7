import type { Certainty, CloseCause, EventKind, EventSource, PulseEvent } from '../../server/contract';
import { isOwnConnection } from '../../server/shared/own-connections';
import { CLOSE_CAUSE_WORDS } from '../../server/shared/status-words';
import type { Level } from '../health/level';
import { connectionHref, probeHref } from '../links';

export const KIND_TITLE: Record<EventKind, string> = {
  'connection.closed': 'Connection closed',
  'probe.reset': 'Probe connection lost',
  'probe.recovered': 'Probe connection back',
  'probe.channel-error': 'Probe channel closed by the broker',
  'large-message.failed': 'Large message failed',
  'auth.failure': 'Login failed',
  alarm: 'Resource alarm',
  'channel.closed': 'Channel closed by the broker',
  'broker.notice': 'The broker said',
};

/** How much each cause weighs on its badge; the words are shared with the server (status-words.ts). */
const CAUSE_LEVELS: Record<CloseCause, Level> = {
  clean: 'neutral',
  abrupt: 'warn',
  'heartbeat-suspected': 'warn',
  'missed-heartbeats': 'crit',
  forced: 'warn',
  shutdown: 'warn',
  'handshake-timeout': 'warn',
  'access-refused': 'crit',
  'frame-error': 'crit',
  'consumer-timeout': 'crit',
  'client-heartbeat-timeout': 'crit',
  'reset-by-broker': 'crit',
  'channel-error': 'crit',
  refused: 'crit',
  unreachable: 'crit',
  'auth-failure': 'crit',
  alarm: 'crit',
  notice: 'neutral',
  unknown: 'neutral',
};

export const CAUSE_WORDS = Object.fromEntries(
  (Object.keys(CAUSE_LEVELS) as CloseCause[]).map((cause) => [cause, { word: CLOSE_CAUSE_WORDS[cause], level: CAUSE_LEVELS[cause] }]),
) as Record<CloseCause, { word: string; level: Level }>;

export const CERTAINTY_WORDS: Record<Certainty, string> = {
  certain: 'certain',
  likely: 'likely',
  possible: 'possible',
  unknown: 'not determined',
};

/** Who saw it first: the words say how fresh and how well-founded the report is. */
export const SOURCE_WORDS: Record<EventSource, { word: string; title: string }> = {
  poll: { word: 'poll', title: 'Found missing at a management API poll: the close happened at most one poll interval earlier' },
  'event-exchange': { word: 'broker event', title: "Reported by the broker's event exchange the moment it happened" },
  probe: { word: 'probe', title: "Seen by rabbitpulse's own probe connection, with the client library's exact error" },
  'broker-log': { word: 'broker log', title: "In the broker's own words, from its log exchange (amq.rabbitmq.log), the moment it happened" },
};

const PROBE_KINDS: ReadonlySet<EventKind> = new Set(['probe.reset', 'probe.recovered', 'probe.channel-error', 'large-message.failed']);

/** Events about rabbitpulse's probe connections, whose page is the probe page. */
export function isProbeEvent(event: Pick<PulseEvent, 'kind'>): boolean {
  return PROBE_KINDS.has(event.kind);
}

/** Where the story continues: the connection's page, or the probe page for the probe's own events. */
export function eventHref(event: Pick<PulseEvent, 'kind' | 'targetId' | 'lastKnown'>): string | null {
  if (event.lastKnown) return connectionHref(event.targetId, event.lastKnown.id);
  return isProbeEvent(event) ? probeHref(event.targetId) : null;
}

/** A close of one of rabbitpulse's own connections (the probe reports those itself, with exact causes). */
export function isOwnClose(event: Pick<PulseEvent, 'kind' | 'connection' | 'lastKnown'>): boolean {
  return event.kind === 'connection.closed' && isOwnConnection(event.lastKnown?.name ?? event.connection);
}

/** A recovery is good news whatever caused the outage before it. */
export function eventLevel(event: PulseEvent): Level {
  return event.kind === 'probe.recovered' ? 'ok' : CAUSE_WORDS[event.cause].level;
}

/** The badge's word: the cause, except for a recovery, whose cause belongs to the outage it ended. */
export function eventBadgeWord(event: PulseEvent): string {
  return event.kind === 'probe.recovered' ? 'recovered' : CAUSE_WORDS[event.cause].word;
}

/** Groups for the timeline's kind filter. */
export const KIND_FILTERS = [
  { id: 'all', label: 'All events', kinds: null },
  { id: 'closed', label: 'Connections closed', kinds: ['connection.closed'] },
  { id: 'channels', label: 'Channels closed by the broker', kinds: ['channel.closed'] },
  { id: 'probe', label: 'Probe', kinds: [...PROBE_KINDS] },
  { id: 'broker', label: 'Broker notices (alarms, failed logins, log warnings)', kinds: ['alarm', 'auth.failure', 'broker.notice'] },
] as const satisfies ReadonlyArray<{ id: string; label: string; kinds: readonly EventKind[] | null }>;

export type KindFilterId = (typeof KIND_FILTERS)[number]['id'];
