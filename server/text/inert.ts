/**
 * Makes broker-supplied text safe to *show*: names of connections, queues,
 * vhosts and client properties are chosen by any client of the broker, and a
 * bidirectional override (U+202E) makes `vh\u202Eevil` display as "vhlive",
 * while ESC or BEL reach terminals and chat clients as commands.
 *
 * Control and format characters are replaced by a visible stand-in, so the
 * reader sees that something was there and what:
 * - C0 controls and DEL become their Unicode Control Pictures (NUL → ␀, ESC → ␛);
 * - C1 controls, bidirectional embeddings, overrides, isolates and marks
 *   become `⟨U+202E⟩`.
 * Everything else, including the zero-width joiner that emoji sequences need,
 * is left as it is. The JSON API keeps the raw value; this is for display and
 * notifications only. Pure and dependency-free: the UI imports it too.
 */

// C0 (except none: a name has no business containing a newline either), DEL, C1,
// ALM (U+061C), LRM/RLM (U+200E/F), LRE..RLO (U+202A–U+202E), LRI..PDI (U+2066–U+2069).
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function inert(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** True when `inert` would change the text. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (code <= 0x1f) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}
