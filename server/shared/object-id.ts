/**
 * Short, stable ids for broker objects, used as keys everywhere (store,
 * wire handles, series, history, alerts) and in links.
 *
 * Why not the broker's own names: a connection's name is `peer -> listener`,
 * and the OS hands the same client port to a new connection soon after the
 * old one closed, so one name means several connections over a few minutes
 * (in a 10-minute churn at 10 connections/s, 774 of 5,999 closes were lost
 * because a reused name looked like the old connection). And queue names may
 * be 64 KB long, which makes links that the web server refuses (431).
 *
 * So a connection is identified by its name *and* when the broker accepted it
 * (`connected_at`, or rabbitpulse's first sight of it where the broker does
 * not say), a queue by its vhost and name, each hashed to 11 characters.
 * Pure and synchronous (no Web Crypto), so the browser derives the same ids.
 */

/** A 53-bit non-cryptographic hash (cyrb53) in base 36: collisions are negligible among the objects held at once. */
export function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(11, '0');
}

/** One connection's id: its broker name and the time it was opened (epoch ms). */
export function connectionId(brokerName: string, openedAt: number): string {
  return `c${shortHash(`${brokerName}\n${openedAt}`)}`;
}

/** One queue's id: its vhost and name (queue names are unique within a vhost). */
export function queueId(vhost: string, name: string): string {
  return `q${shortHash(`${vhost}\n${name}`)}`;
}
