import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, WebhookNotifier } from '../../../server/alerts/notifiers/webhook';
import { bodyOf, config, FIRED_AT, HOSTILE, notification, resolved, test } from './fixtures';

const SECRET = 's3cret';
const hook = (secret?: string) => new WebhookNotifier(config({ secret }));

describe('generic webhook', () => {
  it('renders a firing alert as the documented v1 document', () => {
    const n = notification();
    const req = hook(SECRET).render(n);
    expect(req.url).toBe('https://hooks.example.com/services/T000/B000/SECRETTOKEN');
    expect(req.method).toBe('POST');
    expect(bodyOf(req)).toEqual({
      schema: 'rabbitpulse.notification.v1',
      id: n.key,
      kind: 'firing',
      sentAt: '2025-05-01T12:00:05.000Z',
      alert: {
        id: 'heartbeat-risk|prod|connection:10.0.0.5:51234 -> 10.0.0.9:5672',
        rule: 'heartbeat-risk',
        title: 'Consumer about to miss heartbeats',
        severity: 'critical',
        state: 'firing',
        targetId: 'prod',
        targetName: 'Production',
        object: { kind: 'connection', id: '10.0.0.5:51234 -> 10.0.0.9:5672', label: 'orders-worker' },
        since: '2025-05-01T12:00:05.000Z',
        firedAt: '2025-05-01T12:00:05.000Z',
        resolvedAt: null,
        value: 'silent 14 s with a 5 s heartbeat timeout',
        explanation: 'The handler blocks the thread that sends heartbeats.',
        certainty: null,
        brokerSaid: null,
        url: 'https://pulse.example.com/connections/prod/abc',
      },
    });
  });

  it("carries an event alert's certainty and the broker's own words, made inert", () => {
    const said = 'closing AMQP connection <0.960.0> (127.0.0.1:56888 -> 127.0.0.1:5672 - evil\u202Egnp.exe):\nmissed heartbeats from client, timeout: 5s';
    const body = bodyOf(hook().render(notification({}, { evidence: { certainty: 'certain', brokerSaid: said } }))) as { alert: { certainty: string; brokerSaid: string } };
    expect(body.alert.certainty).toBe('certain');
    expect(body.alert.brokerSaid).toContain('missed heartbeats from client, timeout: 5s');
    expect(body.alert.brokerSaid).toContain('evil⟨U+202E⟩gnp.exe');
    expect(body.alert.brokerSaid).not.toContain('\u202E');
  });

  it('sends the idempotency, event and timestamp headers; the key is the hex SHA-256 of the body id', () => {
    const n = notification();
    const { headers } = hook().render(n);
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      'Idempotency-Key': createHash('sha256').update(n.key, 'utf8').digest('hex'),
      'X-Rabbitpulse-Event': 'firing',
      'X-Rabbitpulse-Timestamp': String(FIRED_AT / 1000),
    });
  });

  it('signs the exact body bytes with HMAC-SHA256 when a secret is set', () => {
    const req = hook(SECRET).render(notification({}, { object: { kind: 'queue', id: '/|ördérs ✓', label: 'ördérs ✓' } }));
    const expected = 'sha256=' + createHmac('sha256', SECRET).update(Buffer.from(req.body, 'utf8')).digest('hex');
    expect(req.headers['X-Rabbitpulse-Signature']).toBe(expected);
    expect(signBody(req.body, 'other')).not.toBe(expected);
  });

  it('sends no signature without a secret', () => {
    expect(hook().render(notification()).headers).not.toHaveProperty('X-Rabbitpulse-Signature');
  });

  it('renders the same bytes every time (retries carry the same signature)', () => {
    const n = notification();
    expect(hook(SECRET).render(n)).toEqual(hook(SECRET).render(n));
  });

  it('renders resolved with its resolution time', () => {
    const req = hook().render(resolved());
    const body = bodyOf(req);
    expect(req.headers['X-Rabbitpulse-Event']).toBe('resolved');
    expect(body.kind).toBe('resolved');
    expect(body.alert.state).toBe('resolved');
    expect(body.alert.resolvedAt).toBe('2025-05-01T12:01:05.000Z');
    expect(body.sentAt).toBe('2025-05-01T12:01:05.000Z');
  });

  it('renders a test notification with a null url', () => {
    const body = bodyOf(hook().render(test()));
    expect(body.kind).toBe('test');
    expect(body.alert.rule).toBe('test');
    expect(body.alert.url).toBeNull();
  });

  it('carries untrusted text raw: JSON is the escaping, the receiver renders', () => {
    const body = bodyOf(hook().render(notification({}, { object: { kind: 'connection', id: 'c', label: HOSTILE } })));
    expect(body.alert.object.label).toBe(HOSTILE);
  });
});
