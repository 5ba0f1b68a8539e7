import { describe, expect, it } from 'vitest';
import { sendRequest } from '../../../server/alerts/delivery/send';
import type { HttpRequest } from '../../../server/alerts/types';
import { freePort } from '../../support/wait';

/**
 * What sendRequest makes of a request that can never be sent: it fails at
 * once instead of retrying for hours. Nothing listens at the URLs here; a
 * request that got as far as the network would be a retry.
 */

const OPTS = { timeoutMs: 2000, now: Date.now };

async function request(headers: Record<string, string>, url?: string): Promise<HttpRequest> {
  return { url: url ?? `http://127.0.0.1:${await freePort()}/hooks/SECRET-PATH-TOKEN`, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' };
}

describe('sendRequest with a request fetch refuses', () => {
  it.each([
    ['a right-to-left override', 'vh\u202Eevil'],
    ['Cyrillic', 'очередь'],
    ['an emoji', '🐇'],
    ['NUL', 'q\u0000'],
    ['a line break', 'a\r\nX-Injected: 1'],
  ])('fails at once, naming the header but not its value, when a header value holds %s', async (_label, value) => {
    const outcome = await sendRequest(await request({ 'Idempotency-Key': value }), OPTS);
    expect(outcome.kind).toBe('failed');
    const error = (outcome as { error: string }).error;
    expect(error).toBe('the Idempotency-Key header holds characters HTTP headers cannot carry; this is a rabbitpulse bug, please report it');
  });

  it('fails at once on a URL that does not parse, without repeating it', async () => {
    const outcome = await sendRequest(await request({}, 'http://[SECRET-PATH-TOKEN'), OPTS);
    expect(outcome).toEqual({ kind: 'failed', error: 'the notifier URL is not a valid URL; fix it in the configuration' });
  });

  it('still retries what may pass: nothing listening', async () => {
    const outcome = await sendRequest(await request({ 'Idempotency-Key': 'a'.repeat(64) }), OPTS);
    expect(outcome).toMatchObject({ kind: 'retry', error: 'network error: ECONNREFUSED' });
  });
});
