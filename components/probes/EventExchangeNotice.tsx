import type { EventExchangeStatus } from '../../server/contract';
import { LevelBadge } from '../ui/LevelBadge';
import { ENABLE_EVENT_EXCHANGE, EVENT_EXCHANGE_WORDS } from './probe-words';

/**
 * The event-exchange subscription as one line (`compact`: just its state,
 * with the message on hover), or — when the plugin is not enabled — a
 * callout that cannot be missed, with the command that fixes it:
 * without the plugin every close is found late, at the next poll, and its
 * cause is guessed from less evidence.
 */
export function EventExchangeNotice({ eventExchange, compact }: { eventExchange: EventExchangeStatus; compact?: boolean }) {
  const words = EVENT_EXCHANGE_WORDS[eventExchange.state];
  if (eventExchange.state === 'not-enabled' && !compact) {
    return (
      <div className="callout callout-warn" role="status" data-testid="event-exchange-not-enabled">
        <p className="strong">
          <span aria-hidden="true">▲ </span>Broker event exchange not enabled
        </p>
        <p>
          <MessageWithCommand message={eventExchange.message} />
        </p>
      </div>
    );
  }
  return (
    <div
      className={compact ? 'ee-line ee-line-compact' : 'ee-line'}
      data-testid="event-exchange"
      data-state={eventExchange.state}
      title={compact ? eventExchange.message : undefined}
    >
      <span className="ee-label">Event exchange</span>
      <LevelBadge level={words.level}>{words.word}</LevelBadge>
      {compact ? null : <span className="muted">{eventExchange.message}</span>}
    </div>
  );
}

/** The server's sentence with the command in it set as code; the command is added if the text lacks it. */
function MessageWithCommand({ message }: { message: string }) {
  const at = message.indexOf(ENABLE_EVENT_EXCHANGE);
  if (at < 0) {
    return (
      <>
        {message} <code className="command">{ENABLE_EVENT_EXCHANGE}</code>
      </>
    );
  }
  return (
    <>
      {message.slice(0, at)}
      <code className="command">{ENABLE_EVENT_EXCHANGE}</code>
      {message.slice(at + ENABLE_EVENT_EXCHANGE.length)}
    </>
  );
}
