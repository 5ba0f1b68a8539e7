import type { Alert, AlertState, PulseEvent, Silence, TargetSample } from '../contract';
import type { OutboxStore } from '../alerts/types';

export interface AlertTransition {
  alertId: string;
  at: number;
  from: AlertState | null;
  to: AlertState;
}

export type SeriesResolution = 'raw' | '1m';

/**
 * What rabbitpulse keeps across restarts. Writes are fire-and-forget and
 * batched off the main event loop (they must never stall polls or probes);
 * reads are async. One implementation: SQLite in a worker thread.
 */
export interface History extends OutboxStore {
  recordEvents(events: readonly PulseEvent[]): void;
  recordSample(targetId: string, sample: TargetSample): void;
  recordAlerts(alerts: readonly Alert[], transitions: readonly AlertTransition[]): void;
  saveSilence(silence: Silence): void;
  deleteSilence(id: string): void;

  loadEvents(limit: number, targetId?: string): Promise<PulseEvent[]>;
  /** Pending and firing alerts, and those resolved within `resolvedWithinMs`. */
  loadAlerts(resolvedWithinMs: number): Promise<Alert[]>;
  loadTransitions(alertId: string): Promise<AlertTransition[]>;
  loadSilences(now: number): Promise<Silence[]>;
  /** Raw samples when the range fits the raw retention, else 1-minute rollups (averages; `unacked` and `connections` as maxima). */
  loadSeries(targetId: string, from: number, to: number): Promise<{ resolution: SeriesResolution; samples: TargetSample[] }>;

  /** Resolves once everything written so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
