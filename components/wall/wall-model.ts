import type { Alert, CloseCause, ConnectionHealth, PulseEvent, TargetState } from '../../server/contract';
import { heartbeatLevel, marginSortKey } from '../health/heartbeat';
import type { Level } from '../health/level';
import { HEALTH_BADGE_LEVEL, healthNeedsWords } from '../health/target-health';
import type { LiveView } from '../../server/stream/apply-delta';

/**
 * What the wall shows, derived from the live view in one pure function so
 * it can be tested with plain data. Everything is bounded by the view
 * (itself bounded), so a wall that runs for days holds no growing state.
 */

export interface WallMargin {
  marginSec: number;
  timeoutSec: number;
  level: Level;
  /** Untrusted text: rendered as text only. */
  connection: string;
  targetName: string;
}

export interface WallAlert {
  id: string;
  severity: 'warning' | 'critical';
  title: string;
  /** Untrusted text: rendered as text only. */
  object: string;
  /** The alert is about the target itself (e.g. its management API): no need to name it twice. */
  aboutTarget: boolean;
  targetName: string;
  firedAt: number;
  acknowledged: boolean;
}

export interface WallTile {
  id: string;
  name: string;
  level: Level;
  /** The target's health in one word (never colour alone): OK, WARNING, CRITICAL, STARTING. */
  word: string;
  /** Its reasons, most severe first: "probe down: credentials refused · 1 critical alert: …", or "all clear". */
  reason: string;
  connections: number | null;
  unacked: number | null;
  margin: WallMargin | null;
  resetsLastHour: number;
  /** Unacked at each poll over the last hour, oldest first. */
  unackedSeries: number[];
}

export interface WallModel {
  tiles: WallTile[];
  /** Firing alerts of the shown targets, critical first, then the longest firing. */
  alerts: WallAlert[];
  lowestMargin: WallMargin | null;
  resetsLastHour: number;
  /** True when the browser's event list is full and reaches back less than an hour: the count is a lower bound. */
  resetsAtLeast: boolean;
}

const HOUR_MS = 3_600_000;

/** Closes that cut an application off: not the orderly ones, and not those whose cause nobody can tell. */
const RESET_CAUSES: ReadonlySet<CloseCause> = new Set<CloseCause>(['abrupt', 'heartbeat-suspected', 'missed-heartbeats', 'forced', 'shutdown', 'reset-by-broker', 'client-heartbeat-timeout']);

export function isReset(e: PulseEvent): boolean {
  return e.kind === 'probe.reset' || (e.kind === 'connection.closed' && RESET_CAUSES.has(e.cause));
}

/** `?targets=a,b`: ids to show, or null for all. */
export function parseTargetFilter(param: string | null): string[] | null {
  const ids = (param ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return ids.length > 0 ? ids : null;
}

export function wallModel(view: LiveView, now: number, filter: readonly string[] | null, maxEvents: number): WallModel {
  const targets = filter ? view.targets.filter((t) => filter.includes(t.id)) : view.targets;
  const shown = new Set(targets.map((t) => t.id));
  const names = new Map(targets.map((t) => [t.id, t.displayName]));
  const firing = (view.alerts ?? []).filter((a) => a.state === 'firing' && a.severity !== 'info' && shown.has(a.targetId));
  const since = now - HOUR_MS;
  const recentResets = view.events.filter((e) => e.at >= since && shown.has(e.targetId) && isReset(e));
  const oldest = view.events[view.events.length - 1];

  const tiles = targets.map((t) => tileOf(t, recentResets, view.series[t.id] ?? [], since));
  const margins = tiles.map((t) => t.margin).filter((m): m is WallMargin => m !== null);
  return {
    tiles,
    alerts: firing
      .map((a) => wallAlert(a, names.get(a.targetId) ?? a.targetId))
      .sort((a, b) => (a.severity === b.severity ? a.firedAt - b.firedAt : a.severity === 'critical' ? -1 : 1)),
    lowestMargin: margins.sort((a, b) => a.marginSec / a.timeoutSec - b.marginSec / b.timeoutSec)[0] ?? null,
    resetsLastHour: recentResets.length,
    resetsAtLeast: view.events.length >= maxEvents && oldest !== undefined && oldest.at >= since,
  };
}

function tileOf(t: TargetState, resets: readonly PulseEvent[], series: ReadonlyArray<{ at: number; unacked: number }>, since: number): WallTile {
  // The server's one verdict on the target (server/shared/target-health.ts): the overview says the same.
  const { health } = t;
  const level = HEALTH_BADGE_LEVEL[health.level];
  return {
    id: t.id,
    name: t.displayName,
    level,
    word: health.word.toUpperCase(),
    // Benign facts (the broker log is off by default, an info alert) are not for a screen across the room.
    reason: healthNeedsWords(health) && health.reasons.length > 0 ? health.reasons.join(' · ') : 'all clear',
    connections: t.totals?.connections ?? null,
    unacked: t.totals?.unacked ?? null,
    margin: lowestMargin(t),
    resetsLastHour: resets.filter((e) => e.targetId === t.id).length,
    unackedSeries: series.filter((s) => s.at >= since).map((s) => s.unacked),
  };
}

/** The application connection closest to its heartbeat timeout, as a fraction of the timeout. */
function lowestMargin(t: TargetState): WallMargin | null {
  let best: ConnectionHealth | null = null;
  for (const c of t.connections) {
    if (c.own) continue;
    const key = marginSortKey(c);
    if (key === null) continue;
    if (best === null || key < marginSortKey(best)!) best = c;
  }
  if (!best) return null;
  return { marginSec: best.heartbeatMarginSec!, timeoutSec: best.heartbeatTimeoutSec!, level: heartbeatLevel(best), connection: best.name, targetName: t.displayName };
}

function wallAlert(a: Alert, targetName: string): WallAlert {
  return {
    id: a.id,
    severity: a.severity === 'critical' ? 'critical' : 'warning',
    title: a.title,
    object: a.object.label,
    aboutTarget: a.object.kind === 'target',
    targetName,
    firedAt: a.firedAt ?? a.since,
    acknowledged: a.acknowledgedAt !== null,
  };
}

/** Pages of at most `size` tiles; the page shown at `now` when they rotate every `periodMs`. */
export function pageAt<T>(items: readonly T[], size: number, now: number, periodMs: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = pages === 1 ? 0 : Math.floor(now / periodMs) % pages;
  return { items: items.slice(page * size, page * size + size), page, pages };
}
