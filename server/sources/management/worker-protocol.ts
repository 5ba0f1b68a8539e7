import type { PollFailure, RequestOptions } from './http';
import type { RawPoll } from './types';

/** Messages between fetcher.ts (main thread) and fetch-worker.ts. */
export interface FetchRequest {
  id: number;
  options: RequestOptions;
  concurrency: number;
}

export type FetchReply = { id: number; ok: true; poll: RawPoll } | { id: number; ok: false; failure: PollFailure };
