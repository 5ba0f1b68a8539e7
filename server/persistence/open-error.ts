/**
 * The history file cannot be used. The message is one line naming the file
 * and the fix; the server prints it as a start-up error. Kept apart from
 * open.ts so the main thread need not load SQLite to recognise it.
 */
export class HistoryOpenError extends Error {
  override name = 'HistoryOpenError';
}
