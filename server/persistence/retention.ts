import type { HistoryConfig } from '../config/schema';
import type { SeriesResolution } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type RetentionConfig = Pick<HistoryConfig, 'rawRetentionHours' | 'rollupRetentionDays' | 'eventRetentionDays'>;

/** Rows older than these epoch-ms instants are deleted by a prune. */
export interface Cutoffs {
  /** Raw samples (one per poll). */
  samples: number;
  /** 1-minute rollups, by bucket start. */
  rollups: number;
  /** Events, resolved alerts and their transitions, expired silences, delivered and failed outbox items. */
  events: number;
}

export function retentionCutoffs(config: RetentionConfig, now: number): Cutoffs {
  return {
    samples: now - config.rawRetentionHours * HOUR_MS,
    rollups: now - config.rollupRetentionDays * DAY_MS,
    events: now - config.eventRetentionDays * DAY_MS,
  };
}

/** Raw rows exist only back to the raw retention; a range starting earlier is served from the rollups. */
export function seriesResolution(config: RetentionConfig, from: number, now: number): SeriesResolution {
  return from >= retentionCutoffs(config, now).samples ? 'raw' : '1m';
}

export const MINUTE_MS = 60_000;

export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}
