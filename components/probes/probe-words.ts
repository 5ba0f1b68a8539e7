import type { BrokerLogStatus, EventExchangeState, LargeMessageStatus, ProbeLinkState, ProbeState } from '../../server/contract';
import type { Level } from '../health/level';

export const LINK_WORDS: Record<ProbeLinkState, { word: string; level: Level }> = {
  up: { word: 'up', level: 'ok' },
  connecting: { word: 'connecting', level: 'neutral' },
  down: { word: 'down', level: 'crit' },
  disabled: { word: 'off', level: 'neutral' },
};

/** Reconnecting after a loss is not a fresh start: it is still an outage. */
export function linkLevel(probe: Pick<ProbeState, 'state' | 'reconnectAttempts'>): Level {
  if (probe.state === 'connecting' && probe.reconnectAttempts > 0) return 'crit';
  return LINK_WORDS[probe.state].level;
}

export const LARGE_STATUS: Record<LargeMessageStatus, { word: string; level: Level }> = {
  ok: { word: 'arrived whole', level: 'ok' },
  pending: { word: 'not checked yet', level: 'neutral' },
  rejected: { word: 'rejected', level: 'crit' },
  truncated: { word: 'truncated', level: 'crit' },
  corrupt: { word: 'corrupted', level: 'crit' },
  late: { word: 'late', level: 'warn' },
  error: { word: 'failed', level: 'crit' },
};

export const EVENT_EXCHANGE_WORDS: Record<EventExchangeState, { word: string; level: Level }> = {
  subscribed: { word: 'subscribed', level: 'ok' },
  'not-enabled': { word: 'plugin not enabled', level: 'warn' },
  connecting: { word: 'connecting', level: 'neutral' },
  down: { word: 'down', level: 'warn' },
  disabled: { word: 'off', level: 'neutral' },
};

export const BROKER_LOG_WORDS: Record<BrokerLogStatus['state'], { word: string; level: Level }> = {
  subscribed: { word: 'subscribed', level: 'ok' },
  // Off by default on every broker: worth turning on, not a fault.
  'not-enabled': { word: 'off on the broker', level: 'neutral' },
  connecting: { word: 'connecting', level: 'neutral' },
  down: { word: 'down', level: 'warn' },
  disabled: { word: 'off', level: 'neutral' },
};

/** The rabbitmq.conf lines that turn the log exchange on (a broker restart applies them). */
export const BROKER_LOG_CONFIG = 'log.exchange = true\nlog.exchange.level = info';

/** The command the server's not-enabled message names; shown as copyable code. */
export const ENABLE_EVENT_EXCHANGE = 'rabbitmq-plugins enable rabbitmq_event_exchange';

/** Chart placeholders: the probe reports one point a second, and nothing while it is down. */
export const FILLS_IN = 'The chart fills in at one point a second.';
export const NOT_UP = 'Nothing measured right now: the probe connection is not up.';
