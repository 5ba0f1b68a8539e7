import { describe, expect, it } from 'vitest';
import { classifyResponse, parseRetryAfter } from '../../../server/alerts/delivery/classify';
import { redact } from '../../../server/alerts/delivery/send';

const NOW = Date.parse('2025-05-01T12:00:00Z');

describe('classifyResponse', () => {
  it.each([
    [200, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [301, 'failed'],
    [400, 'failed'],
    [401, 'failed'],
    [403, 'failed'],
    [404, 'failed'],
    [410, 'failed'],
    [413, 'failed'],
  ])('HTTP %i → %s', (status, kind) => {
    expect(classifyResponse(status, null, '', NOW).kind).toBe(kind);
  });

  it('puts the status, an excerpt of the answer and a hint in the error', () => {
    const out = classifyResponse(404, null, '<html>\n  no_service  </html>', NOW);
    expect(out).toEqual({ kind: 'failed', error: 'HTTP 404: <html> no_service </html> (the webhook no longer exists; check the notifier URL)' });
    const long = classifyResponse(400, null, 'x'.repeat(5000), NOW);
    expect(long.kind === 'failed' && long.error.length).toBeLessThan(300);
  });

  it('honours Retry-After on 429, in seconds or as a date', () => {
    expect(classifyResponse(429, '2', 'slow down', NOW)).toEqual({ kind: 'retry', error: 'HTTP 429: slow down', retryAfterMs: 2000 });
    expect(classifyResponse(429, 'Thu, 01 May 2025 12:00:30 GMT', '', NOW)).toMatchObject({ retryAfterMs: 30_000 });
    expect(classifyResponse(429, null, '', NOW)).toMatchObject({ retryAfterMs: null });
  });

  it('ignores Retry-After on 5xx (backoff applies)', () => {
    expect(classifyResponse(503, '120', '', NOW)).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });
});

describe('parseRetryAfter', () => {
  it.each<[string, number | null]>([
    ['2', 2000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Thu, 01 May 2025 12:00:05 GMT', 5000],
    ['Thursday, 01-May-25 12:01:00 GMT', 60_000], // obsolete RFC 850 form
    ['Thu, 01 May 2025 11:00:00 GMT', 0], // in the past: now
    ['1.5', null],
    ['-3', null],
    ['soon', null],
    ['', null],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('redact', () => {
  const url = 'https://hooks.slack.com/services/T000/B000/SECRETTOKEN';
  it('replaces the URL and its path with the host', () => {
    expect(redact(`request to ${url} failed`, url)).toBe('request to hooks.slack.com failed');
    expect(redact('POST /services/T000/B000/SECRETTOKEN: 404', url)).toBe('POST /…: 404');
    expect(redact('ECONNREFUSED', url)).toBe('ECONNREFUSED');
  });
});
