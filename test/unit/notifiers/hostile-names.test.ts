import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NotifierKind } from '../../../server/contract';
import { createNotifier } from '../../../server/alerts/notifiers/index';
import { bodyOf, config, HOSTILE_NAME, hostileNotification, stringsOf, HOSTILE_CHARACTERS } from './fixtures';

/**
 * A queue named with Cyrillic, an emoji, NUL, ESC, BEL and U+202E through
 * every notifier: rendering never throws, every header is one HTTP can carry,
 * the Idempotency-Key is a digest, and no control or bidirectional character
 * reaches a person — they show as visible stand-ins instead.
 */

const KINDS: NotifierKind[] = ['webhook', 'slack', 'teams', 'discord', 'pagerduty'];
const notifierOf = (kind: NotifierKind) => createNotifier(config({ kind, secret: 'k3y' }));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Fields of the generic webhook that carry the raw value for machines; everything else is for people. */
const RAW_WEBHOOK_FIELDS = new Set(['$.id', '$.alert.id', '$.alert.object.id', '$.alert.object.label']);

describe.each(KINDS)('%s notifier with a hostile object name', (kind) => {
  const n = hostileNotification();
  const request = notifierOf(kind).render(n);

  it('sends only headers HTTP can carry', () => {
    expect(() => new Headers(request.headers)).not.toThrow();
  });

  it('sends the Idempotency-Key: hex SHA-256 of the notification key, the same on every render', () => {
    expect(request.headers['Idempotency-Key']).toBe(sha256(n.key));
    expect(notifierOf(kind).render(n).headers['Idempotency-Key']).toBe(request.headers['Idempotency-Key']);
    expect(notifierOf(kind).render({ ...n, key: n.key + 'x' }).headers['Idempotency-Key']).not.toBe(request.headers['Idempotency-Key']);
  });

  it('shows the right-to-left override as a visible stand-in and lets no control character reach a person', () => {
    const strings = stringsOf(bodyOf(request)).filter(([path]) => kind !== 'webhook' || !RAW_WEBHOOK_FIELDS.has(path));
    const unsafe = strings.filter(([, s]) => HOSTILE_CHARACTERS.test(s));
    expect(unsafe).toEqual([]);
    expect(strings.some(([, s]) => s.includes('vh⟨U+202E⟩evil'))).toBe(true);
    expect(strings.some(([, s]) => s.includes('⟨NUL⟩') && s.includes('⟨ESC⟩') && s.includes('⟨BEL⟩'))).toBe(true);
    expect(strings.some(([, s]) => s.includes('очередь') && s.includes('🐇'))).toBe(true); // readable text stays as it is
  });
});

describe('generic webhook with a hostile object name', () => {
  it('keeps the exact name in its data fields for machines', () => {
    const n = hostileNotification();
    const body = bodyOf(notifierOf('webhook').render(n));
    expect(body.id).toBe(n.key);
    expect(body.alert.id).toBe(n.alert.id);
    expect(body.alert.object).toEqual({ kind: 'queue', id: `/|${HOSTILE_NAME}`, label: HOSTILE_NAME });
    expect(body.alert.value).toBe('1,234 unacked on очередь-🐇⟨NUL⟩⟨ESC⟩[31m vh⟨U+202E⟩evil⟨BEL⟩');
  });
});

describe('PagerDuty with a hostile object name', () => {
  it('sends a dedup_key of printable ASCII within 255 characters, the same for trigger and resolve', () => {
    const pd = notifierOf('pagerduty');
    const n = hostileNotification();
    const trigger = bodyOf(pd.render(n));
    const resolve = bodyOf(pd.render({ ...n, kind: 'resolved', key: n.key.replace('firing', 'resolved') }));
    expect(trigger.dedup_key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(resolve.dedup_key).toBe(trigger.dedup_key);
  });
});
