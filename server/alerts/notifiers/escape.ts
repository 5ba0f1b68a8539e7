import { inert } from '../../shared/inert';

/**
 * Escapers for the markup of each chat service.
 *
 * Connection names, queue names and client properties are chosen by any client
 * of the broker, so they may contain markup meant to format, link or ping
 * (`<!channel>`, `@everyone`, `[click](http://evil)`). Every piece of text that
 * is not our own goes through the escaper of its destination; our own links
 * travel as explicit buttons and URLs, never through these functions.
 *
 * The zero-width space (U+200B) is used where a service has no escape syntax:
 * it is invisible but breaks the pattern the service looks for. The price is
 * that text copied out of a chat message carries it; the generic webhook
 * carries the raw values for anyone who needs them exact.
 */

const ZWSP = '\u200B';

/**
 * Slack mrkdwn. Slack has no backslash escape: `&`, `<`, `>` become entities
 * (so `<!channel>`, `<@U123>` and `<http://x|y>` stay inert text), and the
 * formatting characters are fenced with zero-width spaces on both sides, which
 * stops them opening or closing bold/italic/strike/code whichever way Slack
 * classifies the invisible character.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => ZWSP + c + ZWSP)
    .replace(/^&gt;/gm, ZWSP + '&gt;') // a leading ">" would start a block quote
    .replace(/@/g, '@' + ZWSP) // plain @here / @channel / @everyone
    .replace(/:\/\//g, ':' + ZWSP + '//'); // no auto-linked URLs from untrusted text
}

/**
 * Discord markdown. Discord drops a backslash before any punctuation, so
 * escaping is invisible; `@` gets a zero-width space instead (the usual way to
 * defuse `@everyone`), and messages also set `allowed_mentions: {parse: []}`.
 * `:` is escaped so `http://…` is not auto-linked and `<t:…>`/`:emoji:` stay text.
 */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|><[\]#:-]/g, (c) => '\\' + c).replace(/@/g, '@' + ZWSP);
}

/**
 * Teams Adaptive Card TextBlock / FactSet markdown (a CommonMark subset; HTML
 * is not rendered). Inline markers are backslash-escaped everywhere; list and
 * heading markers only where they would take effect, at the start of a line,
 * so dotted names like `127.0.0.1` stay readable. `{` is escaped because
 * `{{DATE(…)}}` / `{{TIME(…)}}` are functions in TextBlock text.
 */
export function escapeTeams(text: string): string {
  return text
    .replace(/[\\*_~`[\]<>{}]/g, (c) => '\\' + c)
    .replace(/^(\s*)([-+#]|\d+\.)/gm, (_m, space: string, marker: string) => space + marker.replace(/[-+#.]$/, (c) => '\\' + c))
    .replace(/:\/\//g, ':' + ZWSP + '//');
}

/** Cuts text to at most `max` characters, ending with "…", without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + '…';
}

/**
 * Turns `raw` into text for a person: inert (control and bidirectional
 * characters shown as visible stand-ins, see server/shared/inert.ts — markup
 * escaping does nothing against U+202E turning `vh\u202Eevil` into "vhlive"),
 * then escaped for the service's markup, within its field limit. Every piece
 * of human-readable text a notifier sends goes through here.
 *
 * Cutting after escaping could split an entity, a stand-in or leave a
 * dangling backslash, so it is the raw text that is cut: at the longest
 * length whose finished form fits. That form grows with the raw length, but
 * not in step (one U+202E becomes eight characters), hence a binary search.
 */
export function fit(raw: string, max: number, escape: (s: string) => string = (s) => s): string {
  const finish = (keep: number) => escape(inert(truncate(raw, keep)));
  const whole = finish(raw.length);
  if (whole.length <= max) return whole;
  let lo = 1; // "…" alone
  let hi = raw.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (finish(mid).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return finish(lo);
}

/** Chat services reject empty fields: show a dash instead. */
export const orDash = (text: string): string => (text.trim() === '' ? '—' : text);
