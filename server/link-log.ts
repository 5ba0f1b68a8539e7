import type { EventExchangeState, ProbeState } from './contract';
import type { Logger } from './log';
import { inert } from './shared/inert';
import { CLOSE_CAUSE_WORDS } from './shared/status-words';
import type { Hub } from './state/hub';

/**
 * The terminal's account of rabbitpulse's own links to each broker: the
 * probe connection going down (with its cause) and coming back, and the
 * event-exchange and broker-log subscriptions changing state. One line per
 * change, never one per report: the probe reports every second.
 */
export interface LinkLine {
  level: 'info' | 'warn';
  message: string;
}

type Link = 'up' | 'down' | 'other';
/** Subscription states worth a line; `connecting` and `disabled` are passed through silently. */
type Said = Extract<EventExchangeState, 'subscribed' | 'not-enabled' | 'down'>;

interface Seen {
  link: Link;
  /** The newest outage known, so a loss and recovery between two reports is still told. */
  outageStartedAt: number | null;
  events: Said | null;
  log: Said | null;
}

/** What changed in each target's links since it was last told; pure bookkeeping, one entry per target. */
export class LinkChanges {
  private readonly seen = new Map<string, Seen>();

  observe(targetId: string, probe: ProbeState): LinkLine[] {
    const before = this.seen.get(targetId) ?? { link: 'other', outageStartedAt: null, events: null, log: null };
    const now: Seen = {
      link: linkOf(probe),
      outageStartedAt: probe.outages[0]?.startedAt ?? null,
      events: saidOf(probe.eventExchange.state) ?? before.events,
      // The log subscription shares the event subscription's connection: until that is up, its state only echoes it.
      log: probe.eventExchange.state === 'subscribed' ? (saidOf(probe.brokerLog.state) ?? before.log) : before.log,
    };
    this.seen.set(targetId, now);
    const at = `target ${targetId}`;
    return [
      ...linkLines(at, probe, before, now),
      ...(now.events !== before.events ? [eventsLine(at, now.events!, probe.eventExchange.message)] : []),
      ...(now.log !== before.log ? [logLine(at, now.log!, probe.brokerLog.message)] : []),
    ];
  }
}

/** Writes the changes to the log as the hub publishes probe reports; returns the unsubscribe. */
export function logLinkChanges(hub: Hub, log: Logger): () => void {
  const changes = new LinkChanges();
  return hub.onDelta((delta, { states }) => {
    for (const t of delta.targets) {
      if (!t.probe) continue; // nothing of the probe's changed
      const probe = states.get(t.targetId)?.probe;
      if (probe) for (const line of changes.observe(t.targetId, probe)) log[line.level](line.message);
    }
  });
}

function linkOf(probe: ProbeState): Link {
  if (probe.state === 'up') return 'up';
  // A reconnect attempt after a loss is still an outage.
  if (probe.state === 'down' || (probe.state === 'connecting' && probe.reconnectAttempts > 0)) return 'down';
  return 'other';
}

function saidOf(state: EventExchangeState): Said | null {
  return state === 'subscribed' || state === 'not-enabled' || state === 'down' ? state : null;
}

function linkLines(at: string, probe: ProbeState, before: Seen, now: Seen): LinkLine[] {
  const outage = probe.outages[0];
  if (now.link === 'down' && before.link !== 'down') {
    const cause = probe.outages.find((o) => o.endedAt === null)?.cause ?? probe.lastError?.cause ?? 'unknown';
    const detail = probe.lastError ? ` — ${inert(probe.lastError.message)}` : '';
    return [{ level: 'warn', message: `${at}: probe down: ${CLOSE_CAUSE_WORDS[cause]}${detail}` }];
  }
  if (now.link !== 'up') return [];
  if (before.link === 'down') return [{ level: 'info', message: `${at}: probe up again${outage?.durationMs != null ? ` after ${seconds(outage.durationMs)}` : ''}` }];
  if (before.link === 'up' && outage && outage.startedAt !== before.outageStartedAt && outage.durationMs !== null) {
    // Lost and back between two reports: say so, or the terminal would never know.
    return [{ level: 'warn', message: `${at}: probe was down for ${seconds(outage.durationMs)}: ${CLOSE_CAUSE_WORDS[outage.cause]} — ${inert(outage.message)}; up again` }];
  }
  return before.link === 'up' ? [] : [{ level: 'info', message: `${at}: probe up` }];
}

function eventsLine(at: string, state: Said, message: string): LinkLine {
  if (state === 'subscribed') return { level: 'info', message: `${at}: event exchange subscribed` };
  return { level: 'warn', message: `${at}: event exchange ${state === 'down' ? 'down' : 'not enabled'}: ${inert(message)}` };
}

function logLine(at: string, state: Said, message: string): LinkLine {
  if (state === 'subscribed') return { level: 'info', message: `${at}: broker log subscribed` };
  // Off by default on every broker: worth a line, not a warning.
  if (state === 'not-enabled') return { level: 'info', message: `${at}: broker log exchange off on the broker: ${inert(message)}` };
  return { level: 'warn', message: `${at}: broker log down: ${inert(message)}` };
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
