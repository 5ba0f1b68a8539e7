/**
 * The broker's label for a connection in its log lines, the part in
 * parentheses after the pid:
 *
 *   (127.0.0.1:51952 -> 127.0.0.1:5672 - billing-consumer, vhost: '/', user: 'guest')
 *    └ broker name ─────────────────┘   └ client-provided ┘ └ fields the broker adds ┘
 *
 * The client-provided name is anything the client chose: quotes, ` - `, `->`,
 * `)`, newlines, even a fake `, vhost: 'x', user: 'y'`. So the broker's own
 * fields are peeled off the END, in the order that line kind writes them, and
 * only once each; what remains is the name. The broker name (two addresses)
 * never holds a space, so the first ` - ` after it starts the provided name.
 */

export type LabelField = 'vhost' | 'user' | 'state' | 'duration';

export interface ConnectionLabel {
  brokerName: string | null;
  providedName: string | null;
  vhost: string | null;
  user: string | null;
  /** `state: running` in "Error on AMQP connection" lines. */
  state: string | null;
  /** `duration: '1M, 29s'` in 4.x closing lines. */
  duration: string | null;
}

/** `127.0.0.1:51952 -> 127.0.0.1:5672` or `[::1]:57213 -> [::1]:5672`, then optionally ` - <provided name>`. */
const NAME = /^(\S+ -> \S+)(?: - ([\s\S]*))?$/;
/** `, state: running` — an unquoted Erlang atom. */
const STATE_FIELD = /, state: (\w+)$/;

/**
 * Reads `inner` (the text between the parentheses) given the fields this kind
 * of line appends, listed from the last one backwards, e.g.
 * `['state', 'user', 'vhost']` for `…, vhost: 'v', user: 'u', state: s`. Each
 * is optional: a line written before authentication has no vhost or user.
 */
export function readConnectionLabel(inner: string, fieldsFromEnd: readonly LabelField[]): ConnectionLabel {
  const found: Partial<Record<LabelField, string>> = {};
  let rest = inner;
  for (const field of fieldsFromEnd) {
    const peeled = field === 'state' ? peelState(rest) : peelQuoted(rest, field);
    if (!peeled) continue;
    found[field] = peeled.value;
    rest = peeled.rest;
  }
  const name = NAME.exec(rest);
  return {
    brokerName: name ? name[1]! : null,
    providedName: name?.[2] ?? null,
    vhost: found.vhost ?? null,
    user: found.user ?? null,
    state: found.state ?? null,
    duration: found.duration ?? null,
  };
}

/** `…, vhost: 'x'` at the very end: the value runs from the last `, vhost: '` to the final quote (so it may hold quotes). */
function peelQuoted(text: string, field: LabelField): { rest: string; value: string } | null {
  if (!text.endsWith("'")) return null;
  const key = `, ${field}: '`;
  const at = text.lastIndexOf(key, text.length - 2);
  if (at < 0) return null;
  return { rest: text.slice(0, at), value: text.slice(at + key.length, -1) };
}

function peelState(text: string): { rest: string; value: string } | null {
  // Only the tail is tested, so a long label costs no backtracking.
  const tail = text.slice(-40);
  const m = STATE_FIELD.exec(tail);
  return m ? { rest: text.slice(0, text.length - m[0].length), value: m[1]! } : null;
}
