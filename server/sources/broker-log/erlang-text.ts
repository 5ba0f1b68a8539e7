/**
 * A string as Erlang's `~p` prints it into a log line — `"planned maintenance"`
 * or `<<"planned maintenance">>` — back to its text: quotes off, `\"` and `\\`
 * unescaped. Anything else is returned trimmed, as it was.
 */
export function unquote(s: string): string {
  const t = s.trim();
  const quoted = /^"([\s\S]*)"$/.exec(t) ?? /^<<"([\s\S]*)">>$/.exec(t);
  return quoted ? quoted[1]!.replace(/\\(["\\])/g, '$1') : t;
}
