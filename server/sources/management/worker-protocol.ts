import type { PollFailure, RequestOptions } from './http';
import type { RawPoll } from './types';

/** Messages between fetcher.ts (main thread) and fetch-worker.ts. */
export type FetchRequest =
  | { id: number; kind: 'poll'; options: RequestOptions; concurrency: number }
  /** Only the live connection names (LIVE_CONNECTIONS_PATH), for the close sweep. */
  | { id: number; kind: 'live'; options: RequestOptions };

export type FetchReply =
  | { id: number; ok: true; poll: RawPoll }
  | { id: number; ok: true; live: string[] | null }
  | { id: number; ok: false; failure: PollFailure };
