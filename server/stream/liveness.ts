import type { ConnectionHealth, HandleSet } from '../contract';
import { withSilence } from './silence';

/**
 * Which connections showed life at a poll, in a form an idle fleet can afford
 * to stream. Every heartbeat a client sends moves the broker's inbound byte
 * counter, so at the default 60 s timeout about one connection in twelve
 * "changes" at every 5 s poll while nothing at all is happening. The row diff
 * ignores that (sameConnectionRow); this names those connections by handle instead.
 */

/** Encodes a set of handles in the shorter form of HandleSet (see there). */
export function encodeHandles(handles: readonly number[]): HandleSet {
  const sorted = [...handles].sort((a, b) => a - b);
  const gaps = sorted.map((h, i) => (i === 0 ? h : h - sorted[i - 1]!));
  if (sorted.length < 2) return { gaps };
  const from = sorted[0]!;
  const bytes = new Uint8Array(Math.ceil((sorted[sorted.length - 1]! - from + 1) / 8));
  const bitsLength = Math.ceil(bytes.length / 3) * 4;
  if (bitsLength >= JSON.stringify(gaps).length) return { gaps };
  for (const h of sorted) bytes[(h - from) >> 3]! |= 1 << ((h - from) & 7);
  return { from, bits: toBase64(bytes) };
}

export function decodeHandles(set: HandleSet): number[] {
  const out: number[] = [];
  if ('gaps' in set) {
    let acc = 0;
    for (const [i, v] of set.gaps.entries()) {
      acc = i === 0 ? v : acc + v;
      out.push(acc);
    }
    return out;
  }
  const bytes = fromBase64(set.bits);
  for (let i = 0; i < bytes.length; i++) for (let b = 0; b < 8; b++) if (bytes[i]! & (1 << b)) out.push(set.from + i * 8 + b);
  return out;
}

// btoa/atob exist in browsers and in Node; Buffer only in Node.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Splits this poll's liveness changes into what `recvMoved` can say (the
 * counter moved at this poll: recvChangedAt = observedAt, no longer "since
 * first seen") and rows that must be re-sent whole because their liveness
 * changed some other way (a counter the broker had left out came back).
 * Rows already being re-sent carry their liveness themselves.
 */
export function livenessChanges(
  previous: ReadonlyMap<string, ConnectionHealth>,
  next: readonly ConnectionHealth[],
  alreadySent: ReadonlySet<string>,
  observedAt: number,
): { recvMoved: HandleSet | null; resend: ConnectionHealth[] } {
  const moved: number[] = [];
  const resend: ConnectionHealth[] = [];
  for (const c of next) {
    if (alreadySent.has(c.id)) continue;
    const before = previous.get(c.id);
    if (!before) continue;
    if (before.recvChangedAt === c.recvChangedAt && before.silenceSinceFirstSeen === c.silenceSinceFirstSeen) continue;
    if (c.recvChangedAt === observedAt && !c.silenceSinceFirstSeen) moved.push(c.handle);
    else resend.push(c);
  }
  return { recvMoved: moved.length ? encodeHandles(moved) : null, resend };
}

/** The receiving side: marks the named connections as heard from at `observedAt`. */
export function applyRecvMoved(connections: readonly ConnectionHealth[], encoded: HandleSet, observedAt: number): ConnectionHealth[] {
  const moved = new Set(decodeHandles(encoded));
  if (moved.size === 0) return connections as ConnectionHealth[];
  return connections.map((c) =>
    moved.has(c.handle) ? withSilence({ ...c, recvChangedAt: observedAt, silenceSinceFirstSeen: false }, observedAt) : c,
  );
}
