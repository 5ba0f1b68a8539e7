import { describe, expect, it } from 'vitest';
import { dedupKey, PagerDutyNotifier } from '../../../server/alerts/notifiers/pagerduty';
import { bodyOf, config, HOSTILE, notification, resolved, test } from './fixtures';

const pd = new PagerDutyNotifier(config({ kind: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', secret: 'R0UTINGKEY' }));
const render = (n: Parameters<PagerDutyNotifier['render']>[0]) => bodyOf(pd.render(n));

describe('PagerDuty notifier', () => {
  it('triggers on firing with the alert id as dedup key', () => {
    const n = notification();
    expect(render(n)).toEqual({
      routing_key: 'R0UTINGKEY',
      dedup_key: n.alert.id,
      event_action: 'trigger',
      payload: {
        summary: '🔴 CRITICAL: Consumer about to miss heartbeats — Connection orders-worker on Production',
        source: 'Production',
        severity: 'critical',
        timestamp: '2025-05-01T12:00:05.000Z',
        component: 'orders-worker',
        group: 'prod',
        class: 'heartbeat-risk',
        custom_details: {
          kind: 'firing',
          rule: 'heartbeat-risk',
          target: 'Production',
          connection: 'orders-worker',
          objectId: '10.0.0.5:51234 -> 10.0.0.9:5672',
          value: 'silent 14 s with a 5 s heartbeat timeout',
          explanation: 'The handler blocks the thread that sends heartbeats.',
          since: '2025-05-01T12:00:05.000Z',
          notificationId: n.key,
        },
      },
      client: 'rabbitpulse',
      links: [{ href: 'https://pulse.example.com/connections/prod/abc', text: 'Open in rabbitpulse' }],
    });
  });

  it('resolves the same incident: same dedup key, resolve action', () => {
    const trigger = render(notification());
    const resolve = render(resolved());
    expect(resolve).toEqual({ routing_key: 'R0UTINGKEY', dedup_key: trigger.dedup_key, event_action: 'resolve' });
  });

  it('sends reminders as triggers on the same incident', () => {
    const body = render(notification({ kind: 'reminder', key: 'k|reminder|2' }));
    expect(body.event_action).toBe('trigger');
    expect(body.dedup_key).toBe(render(notification()).dedup_key);
  });

  it('sends a test as a trigger without links', () => {
    const body = render(test());
    expect(body.event_action).toBe('trigger');
    expect(body.payload.severity).toBe('info');
    expect(body.links).toEqual([]);
  });

  it.each(['critical', 'warning', 'info'] as const)('maps severity %s by name', (severity) => {
    expect(render(notification({}, { severity })).payload.severity).toBe(severity);
  });

  it('keeps the summary within 1024 characters and the text plain', () => {
    const body = render(notification({}, { object: { kind: 'queue', id: 'q', label: HOSTILE.repeat(40) } }));
    expect(body.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(body.payload.summary).toContain('<img src=x onerror=alert(1)>');
    expect(body.payload.component.length).toBeLessThanOrEqual(255);
  });

  it('hashes alert ids longer than PagerDuty\'s 255-character dedup key, stably', () => {
    const long = 'rule|prod|connection:' + 'x'.repeat(400);
    expect(dedupKey(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dedupKey(long)).toBe(dedupKey(long));
    expect(dedupKey(long + 'y')).not.toBe(dedupKey(long));
    expect(dedupKey('short')).toBe('short');
  });

  it.each([
    ['Cyrillic', 'unacked-growth|prod|queue:/|очередь'],
    ['an emoji', 'unacked-growth|prod|queue:/|🐇'],
    ['NUL', 'unacked-growth|prod|queue:/|q\u0000'],
    ['a right-to-left override', 'heartbeat-risk|prod|connection:vh\u202Eevil'],
  ])('hashes alert ids with %s: a dedup_key is printable ASCII', (_label, id) => {
    expect(dedupKey(id)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dedupKey(id)).toBe(dedupKey(id));
  });

  it('keeps printable ASCII ids as they are, spaces included (incidents opened by earlier versions still resolve)', () => {
    const id = 'heartbeat-risk|prod|connection:10.0.0.5:51234 -> 10.0.0.9:5672';
    expect(dedupKey(id)).toBe(id);
  });

  it('refuses a config without a routing key, naming the fix', () => {
    expect(() => new PagerDutyNotifier(config({ kind: 'pagerduty' }))).toThrow(/integration \(routing\) key/);
  });
});
