/**
 * Makes broker-supplied text safe to *show*: names of connections, queues,
 * vhosts and client properties are chosen by any client of the broker, and a
 * bidirectional override (U+202E) makes `vh\u202Eevil` display as "vhlive",
 * while ESC or BEL reach terminals and chat clients as commands.
 *
 * Control and format characters are replaced by a visible stand-in, so the
 * reader sees that something was there and what:
 * - C0 controls and DEL become their names in angle brackets (`⟨NUL⟩`,
 *   `⟨ESC⟩`); the Unicode Control Pictures (␛) would be shorter, but common
 *   UI fonts have no glyph for them and show an empty box;
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

// ASCII's names for the C0 controls, by code.
const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'TAB', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
];

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (code < C0_NAMES.length) return `⟨${C0_NAMES[code]}⟩`;
  if (code === 0x7f) return '⟨DEL⟩';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}
