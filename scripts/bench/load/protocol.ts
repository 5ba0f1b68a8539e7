import type { ConnectionPlan } from './plan';

/** Messages between the benchmark and one loader process (over the IPC channel). */
export type ToLoader =
  | { id: number; type: 'start'; amqpUrl: string; connections: ConnectionPlan[]; concurrency: number }
  /** Changes something the management API shows on `count` random connections (a channel's prefetch). */
  | { id: number; type: 'touch'; count: number }
  /** Opens connections meant to be force-closed, each with one channel; answers with their names. */
  | { id: number; type: 'victims'; names: string[] };

export type FromLoader =
  | { type: 'progress'; opened: number }
  | { id: number; type: 'done'; detail: LoaderCounts | null }
  | { id: number; type: 'failed'; message: string };

export interface LoaderCounts {
  connections: number;
  channels: number;
  consumers: number;
  /** Load connections that closed unexpectedly since start (should stay 0). */
  lost: number;
}
