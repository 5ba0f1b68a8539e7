import { createHash } from 'node:crypto';
import type { Notification } from '../types';

/**
 * Keys sent to other services, derived from notification and alert ids.
 *
 * Those ids embed broker object names, which any broker client chooses: any
 * Unicode, NUL and bidirectional controls included. HTTP header values carry
 * only Latin-1 without controls — fetch refused `Idempotency-Key` for a
 * Cyrillic or U+202E name outright ("Cannot convert argument to a ByteString")
 * — so a key goes out as a digest: ASCII, fixed length, and the same on every
 * retry and after a restart, as the id it stands for.
 */

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The `Idempotency-Key` header every notifier sends: hex SHA-256 of the notification key (the generic webhook's body `id`). */
export function idempotencyKey(n: Notification): string {
  return sha256Hex(n.key);
}
