'use client';

import type { ChannelHealth } from '../../server/contract';
import { TIMEOUT_SOURCE_WORDS, channelTimeoutRisk, fmtAtLeast, fmtTimeout, oldestUnackedMs } from '../../server/shared/consumer-timeout-risk';
import { timeoutRulesOf } from '../../server/shared/consumer-timeout-versions';
import { useNowTick } from '../live/LiveStateProvider';
import { LevelBadge } from '../ui/LevelBadge';

const SOURCE_DETAIL = {
  'queue-argument': "the queue's x-consumer-timeout argument",
  policy: "the queue's consumer-timeout policy",
  config: "the broker-wide consumer_timeout, which the management API does not show: rabbitpulse's alerts.consumerTimeoutMs stands for it",
} as const;

/**
 * How close a channel is to the broker's consumer timeout. The age is
 * computed here from the server's `unackedSince` and this page's clock (the
 * wire carries only the start), so it keeps counting between polls.
 */
export function ConsumerTimeoutCell({ channel }: { channel: ChannelHealth }) {
  const now = useNowTick();
  if (channel.unacked === 0) return <span className="muted">nothing unacked</span>;
  const age = oldestUnackedMs(channel, now);
  if (age === null) {
    return (
      <span className="muted" title="Deliveries were acked or made since the last poll, so the oldest unacked one may be new. The estimate starts once the same messages are seen held across a poll.">
        no estimate yet
      </span>
    );
  }
  const timeout = channel.consumerTimeoutMs;
  const source = channel.consumerTimeoutSource;
  const timeoutText = timeout === null ? 'no timeout applies' : `timeout ${fmtTimeout(timeout)}${source ? ` (${TIMEOUT_SOURCE_WORDS[source]})` : ''}`;
  const text = `oldest unacked ≥ ${fmtAtLeast(age, { seconds: true })} · ${timeoutText}`;
  const risk = channelTimeoutRisk(channel, now);
  const title =
    'A lower bound: these messages have been held, with no ack, since this poll. ' +
    (timeout === null
      ? 'No timeout is known to apply: the broker has it off, or its queues do not enforce one (classic queues from RabbitMQ 4.3).'
      : `The broker closes the channel (406 PRECONDITION_FAILED) once a delivery waits longer than ${fmtTimeout(timeout)}, from ${source ? SOURCE_DETAIL[source] : 'an unknown source'}.`);
  return (
    <span data-testid="consumer-timeout" data-level={risk?.level ?? 'none'}>
      {risk && risk.level !== 'ok' ? (
        <LevelBadge level={risk.level} title={title}>
          {text}
        </LevelBadge>
      ) : (
        <span title={title}>{text}</span>
      )}
      {channel.unackedSinceFirstSeen ? <span className="muted small consumer-timeout-first-seen">estimate began when rabbitpulse first saw this channel: may be older</span> : null}
    </span>
  );
}

/** Under the channel table: what the estimate is, and what the broker's version enforces. */
export function ConsumerTimeoutNote({ brokerVersion }: { brokerVersion: string | null }) {
  const rules = timeoutRulesOf(brokerVersion);
  return (
    <p className="muted small" data-testid="consumer-timeout-note">
      Consumer timeout: the broker closes a channel whose delivery waits for its ack longer than this (checked about once a minute). “Oldest unacked” is a lower bound estimated between polls.
      From RabbitMQ 4.3 classic queues do not enforce it; only quorum queues do.
      {rules === 'broker-wide'
        ? ` This broker (RabbitMQ ${brokerVersion}) applies only its broker-wide consumer_timeout: x-consumer-timeout arguments and consumer-timeout policies need 3.11.15 or later.`
        : null}
    </p>
  );
}
