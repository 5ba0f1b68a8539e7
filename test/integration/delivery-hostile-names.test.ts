import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryConfig } from '../../server/config/schema';
import type { DeliveryStatus, NotifierKind } from '../../server/contract';
import { MemoryOutbox } from '../support/memory-outbox';
import { DeliveryLoop } from '../../server/alerts/delivery/outbox-loop';
import { createNotifiers } from '../../server/alerts/notifiers/index';
import { sleep, waitFor } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { HOSTILE_CHARACTERS, HOSTILE_NAME, hostileNotification, stringsOf } from '../unit/notifiers/fixtures';

/**
 * An alert about a queue named in Cyrillic with an emoji, NUL, ESC, BEL and
 * U+202E, delivered through every notifier kind to a real HTTP receiver on
 * loopback (each kind at its own path). Each must arrive once, answered 2xx,
 * with an ASCII Idempotency-Key and a body that parses. Before, the generic
 * webhook could not send it at all (the name went into a header) and retried
 * for the whole giveUpAfterMs.
 */

const KINDS: NotifierKind[] = ['webhook', 'slack', 'teams', 'discord', 'pagerduty'];
const FAST: DeliveryConfig = { timeoutMs: 2000, baseBackoffMs: 200, maxBackoffMs: 1000, giveUpAfterMs: 600_000 };

describe('an alert about a hostile queue name, through every notifier kind to a real receiver', () => {
  let receiver: WebhookReceiver;
  let loop: DeliveryLoop | undefined;

  afterAll(async () => {
    await loop?.stop();
    await receiver?.close();
  });

  it('arrives once at each, with an ASCII Idempotency-Key and a body that parses', async () => {
    receiver = await startWebhookReceiver([200]);
    const notifiers = createNotifiers(
      KINDS.map((kind) => ({ id: kind, kind, name: kind, url: `${receiver.url}/${kind}`, secret: 'k3y', minSeverity: 'info' as const, rules: null })),
    );
    const changes: DeliveryStatus[] = [];
    loop = new DeliveryLoop({ store: new MemoryOutbox(), notifiers, config: FAST, onChange: (s) => changes.push(...s) });
    loop.start();
    const n = hostileNotification();
    await loop.enqueue(n, KINDS);

    const latest = () => new Map(changes.map((s) => [s.notifierId, s]));
    await waitFor('every kind delivered', () => KINDS.every((k) => latest().get(k)?.state === 'delivered'), { timeoutMs: 10_000, intervalMs: 50 }).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify([...latest().values()].map((s) => [s.notifierId, s.state, s.lastError]))}`);
    });
    await sleep(500); // nothing more may arrive

    for (const kind of KINDS) {
      const requests = receiver.requests.filter((r) => r.path.endsWith(`/${kind}`));
      expect(requests.length, kind).toBe(1);
      const [req] = requests;
      const key = req!.headers['idempotency-key'];
      expect(key, kind).toMatch(/^[\x21-\x7e]+$/);
      expect(key, kind).toBe(createHash('sha256').update(n.key, 'utf8').digest('hex'));
      const body = req!.json();
      const shown = stringsOf(body).filter(([path]) => kind !== 'webhook' || !['$.id', '$.alert.id', '$.alert.object.id', '$.alert.object.label'].includes(path));
      expect(shown.filter(([, s]) => HOSTILE_CHARACTERS.test(s)), kind).toEqual([]);
      expect(shown.some(([, s]) => s.includes('vh⟨U+202E⟩evil')), kind).toBe(true);
    }
    // The generic webhook keeps the exact name for machines.
    const webhook = receiver.requests.find((r) => r.path.endsWith('/webhook'))!.json();
    expect(webhook.alert.object.label).toBe(HOSTILE_NAME);
  });
});
