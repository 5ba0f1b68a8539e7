import type { TargetSample } from '../contract';
import type { ViewerTokenRecord } from '../auth/viewer-tokens';
import type { Cutoffs } from './retention';
import type { AlertTransition, SeriesResolution } from './types';

/**
 * Messages between sqlite-history.ts (main thread) and history-worker.ts.
 * Records cross as rows whose `body` is already JSON: serialising on the
 * caller's side snapshots the object at the moment it was recorded (a later
 * mutation cannot change what is stored) and a string crosses threads as a
 * plain copy.
 */
export interface WorkerInit {
  file: string;
  /** Writes arriving within this window share one transaction. */
  batchMs: number;
  /** How often to check that the path still names the file that was opened. */
  fileCheckMs: number;
}

export interface EventRow {
  id: string;
  at: number;
  targetId: string;
  kind: string;
  body: string;
}

export interface SampleRow extends TargetSample {
  targetId: string;
}

export interface AlertRow {
  id: string;
  state: string;
  rule: string;
  targetId: string;
  /** When it entered its current state (`since`); prunes and the resolved window go by it. */
  updatedAt: number;
  body: string;
}

export interface SilenceRow {
  id: string;
  until: number;
  body: string;
}

export interface OutboxRow {
  id: string;
  notifierId: string;
  state: string;
  nextAttemptAt: number;
  createdAt: number;
  body: string;
}

/** One call's worth of writing; applied all or nothing. */
export type WriteOp =
  | { op: 'events'; rows: EventRow[] }
  | { op: 'sample'; row: SampleRow }
  | { op: 'alerts'; alerts: AlertRow[]; transitions: AlertTransition[] }
  | { op: 'silence'; row: SilenceRow }
  | { op: 'unsilence'; id: string }
  /** `enqueue` keeps an existing row with the same id (idempotent retry); `update` replaces it. */
  | { op: 'outbox'; rows: OutboxRow[]; replace: boolean }
  | { op: 'viewer-token'; row: ViewerTokenRecord }
  | { op: 'revoke-viewer-token'; id: string };

export interface PruneCounts {
  samples: number;
  rollups: number;
  events: number;
  alerts: number;
  transitions: number;
  silences: number;
  outbox: number;
}

/** Requests answered with a reply. `commit` writes its ops (and everything queued before) and answers once committed. */
export type Call =
  | { kind: 'commit'; ops: WriteOp[] }
  | { kind: 'events'; limit: number; targetId: string | null }
  | { kind: 'alerts'; resolvedSince: number }
  | { kind: 'transitions'; alertId: string }
  | { kind: 'silences'; now: number }
  | { kind: 'series'; targetId: string; from: number; to: number; resolution: SeriesResolution }
  | { kind: 'due'; now: number; limit: number }
  | { kind: 'recent'; limit: number }
  | { kind: 'prune'; cutoffs: Cutoffs }
  | { kind: 'viewer-tokens' }
  | { kind: 'close' };

/** What each call kind answers with; `string[]` are JSON bodies, parsed by the caller. */
export interface CallResults {
  commit: null;
  events: string[];
  alerts: string[];
  transitions: AlertTransition[];
  silences: string[];
  series: TargetSample[];
  due: string[];
  recent: string[];
  prune: PruneCounts;
  'viewer-tokens': ViewerTokenRecord[];
  close: null;
}

export type ToWorker = { type: 'write'; ops: WriteOp[] } | { type: 'call'; id: number; call: Call };

export type FromWorker =
  | { type: 'ready' }
  /** The file could not be opened; the worker has stopped. */
  | { type: 'fatal'; message: string }
  /** Records that could not be stored for something in the record itself (the store is fine). */
  | { type: 'error'; message: string }
  /**
   * The store's own write failures (disk full, I/O error, read-only), after
   * each commit that had some; `ok: true` once, at the first commit that works again.
   */
  | { type: 'writes'; ok: false; failed: number; message: string }
  | { type: 'writes'; ok: true }
  /** The path no longer names the file that was opened (deleted or replaced); sent once. */
  | { type: 'lost'; message: string }
  | { type: 'reply'; id: number; ok: true; value: CallResults[keyof CallResults] }
  | { type: 'reply'; id: number; ok: false; error: string };
