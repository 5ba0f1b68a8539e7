import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { foreignOriginReason, ownOrigin } from '../../../server/auth/same-origin';

describe('ownOrigin', () => {
  const cases: Array<{ case: string; headers: IncomingHttpHeaders; trustProxy?: boolean; secure?: boolean; origin: string | null }> = [
    { case: 'the Host header over http', headers: { host: '127.0.0.1:3000' }, origin: 'http://127.0.0.1:3000' },
    { case: 'https when the browser used it', headers: { host: 'dash.example' }, secure: true, origin: 'https://dash.example' },
    { case: 'a default port as browsers write it', headers: { host: 'dash.example:80' }, origin: 'http://dash.example' },
    { case: 'X-Forwarded-Host ignored without trustProxy', headers: { host: '10.0.0.5:3000', 'x-forwarded-host': 'dash.example' }, origin: 'http://10.0.0.5:3000' },
    { case: 'X-Forwarded-Host behind a trusted proxy', headers: { host: '10.0.0.5:3000', 'x-forwarded-host': 'dash.example' }, trustProxy: true, secure: true, origin: 'https://dash.example' },
    { case: 'the first X-Forwarded-Host: the proxy nearest the browser', headers: { host: 'x', 'x-forwarded-host': 'dash.example, inner.local' }, trustProxy: true, origin: 'http://dash.example' },
    { case: 'no Host at all', headers: {}, origin: null },
    { case: 'a Host that is no host', headers: { host: 'a b' }, origin: null },
  ];
  it.each(cases)('$case', ({ headers, trustProxy = false, secure = false, origin }) => {
    expect(ownOrigin(headers, { trustProxy, secure })).toBe(origin);
  });
});

describe('foreignOriginReason', () => {
  const OWN = 'http://127.0.0.1:3000';
  const cases: Array<{ case: string; headers: IncomingHttpHeaders; own?: string | null; refused: RegExp | null }> = [
    { case: 'a script: neither header', headers: {}, refused: null },
    { case: 'our own page', headers: { origin: OWN, 'sec-fetch-site': 'same-origin' }, refused: null },
    { case: 'our own page, Origin only', headers: { origin: OWN }, refused: null },
    { case: 'a user-initiated request', headers: { 'sec-fetch-site': 'none' }, refused: null },
    { case: 'another port of the same host', headers: { origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' }, refused: /page at http:\/\/127\.0\.0\.1:4000, not from rabbitpulse's own pages at http:\/\/127\.0\.0\.1:3000/ },
    { case: 'another scheme of the same host and port', headers: { origin: 'https://127.0.0.1:3000' }, refused: /page at https:\/\/127\.0\.0\.1:3000/ },
    { case: 'a sibling subdomain', headers: { origin: 'http://other.dash.example' }, own: 'http://dash.example', refused: /cross-site request forgery/ },
    { case: 'an opaque origin (sandboxed frame, data: URL)', headers: { origin: 'null' }, refused: /page at null/ },
    { case: 'an Origin that is no URL', headers: { origin: 'garbage' }, refused: /page at garbage/ },
    { case: 'same-site by Sec-Fetch-Site alone', headers: { 'sec-fetch-site': 'same-site' }, refused: /another origin of this site \(Sec-Fetch-Site: same-site\)/ },
    { case: 'cross-site by Sec-Fetch-Site alone', headers: { 'sec-fetch-site': 'cross-site' }, refused: /another site \(Sec-Fetch-Site: cross-site\)/ },
    { case: 'our Origin but the browser says cross-site', headers: { origin: OWN, 'sec-fetch-site': 'cross-site' }, refused: /Sec-Fetch-Site: cross-site/ },
    { case: 'an Origin when we cannot tell our own', headers: { origin: OWN }, own: null, refused: /no Host header/ },
  ];
  it.each(cases)('$case', ({ headers, own = OWN, refused }) => {
    const reason = foreignOriginReason(headers, own);
    if (refused === null) expect(reason).toBeNull();
    else expect(reason).toMatch(refused);
  });

  it('names the proxy setting when the Origin differs, the usual cause behind a proxy', () => {
    expect(foreignOriginReason({ origin: 'https://dash.example' }, 'http://10.0.0.5:3000')).toMatch(/set auth\.trustProxy: true/);
  });
});
