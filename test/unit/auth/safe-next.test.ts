import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../components/session/api';

const ORIGIN = 'http://dash.example:3000';

/**
 * Where the sign-in page sends the browser afterwards. Every case that
 * leaves ORIGIN must fall back to `/`; what stays comes back as an absolute
 * URL on ORIGIN. `next` is given as the page reads it, already decoded once
 * by URLSearchParams: `%09` in the address is a real tab here.
 */
describe('safeNext', () => {
  const stays: Array<[string, string]> = [
    ['/connections', `${ORIGIN}/connections`],
    ['/timeline?kind=closed#latest', `${ORIGIN}/timeline?kind=closed#latest`],
    ['/wall?targets=local', `${ORIGIN}/wall?targets=local`],
    [`${ORIGIN}/alerts`, `${ORIGIN}/alerts`],
    // Still escaped after the one decoding: a path segment, never a host.
    ['/%2F%2Fevil.example/x', `${ORIGIN}/%2F%2Fevil.example/x`],
    ['/%09/evil.example/x', `${ORIGIN}/%09/evil.example/x`],
    // A backslash inside a path is a slash to the parser, and harmless there.
    ['/queues\\local', `${ORIGIN}/queues/local`],
  ];
  it.each(stays)('%j stays on the dashboard as %s', (next, expected) => {
    expect(safeNext(next, ORIGIN)).toBe(expected);
  });

  const leaves: Array<[string, string | null]> = [
    ['nothing', null],
    ['empty', ''],
    ['protocol-relative', '//evil.example/x'],
    ['slash backslash', '/\\evil.example/x'],
    ['two backslashes', '\\\\evil.example/x'],
    ['backslash slash', '\\/evil.example/x'],
    ['tab between the slashes (%09)', '/\t/evil.example/x'],
    ['newline between the slashes (%0a)', '/\n/evil.example/x'],
    ['CR LF between the slashes (%0d%0a)', '/\r\n/evil.example/x'],
    ['tabs and backslashes mixed', '/\t\\\t\\evil.example/x'],
    ['newline inside the host', '//ev\nil.example/x'],
    ['leading space', ' //evil.example/x'],
    ['leading tab', '\t//evil.example/x'],
    ['another site', 'https://evil.example/'],
    ['scheme-relative to another scheme', 'https:evil.example'],
    ['another port of the same host', 'http://dash.example:3001/'],
    ['another scheme of the same host and port', 'https://dash.example:3000/'],
    ['a longer host that starts the same', 'http://dash.example.evil.example/'],
    ['userinfo that looks like the host', '//dash.example:3000@evil.example/'],
    ['credentials on the dashboard itself', 'http://user:pw@dash.example:3000/'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['the sign-in page again', '/login?next=/alerts'],
    ['not a URL at all', 'http://[::1'],
  ];
  it.each(leaves)('%s falls back to /', (_, next) => {
    expect(safeNext(next, ORIGIN)).toBe('/');
  });

  // As the sign-in page gets them: the raw query string, decoded by URLSearchParams.
  const fromAddress: Array<[string, string]> = [
    ['next=%2F%09%2Fevil.example%2Fx', '/'],
    ['next=/%09/evil.example/x', '/'],
    ['next=%2F%0A%2Fevil.example', '/'],
    ['next=%2F%0D%0A%2Fevil.example', '/'],
    ['next=%2F%5Cevil.example', '/'],
    ['next=%5C%5Cevil.example', '/'],
    ['next=%2F%2Fevil.example', '/'],
    ['next=%2Fconnections%3Ftarget%3Dlocal', `${ORIGIN}/connections?target=local`],
  ];
  it.each(fromAddress)('?%s → %s', (query, expected) => {
    expect(safeNext(new URLSearchParams(query).get('next'), ORIGIN)).toBe(expected);
  });
});
