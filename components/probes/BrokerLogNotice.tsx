import type { BrokerLogStatus } from '../../server/contract';
import { LevelBadge } from '../ui/LevelBadge';
import { BROKER_LOG_CONFIG, BROKER_LOG_WORDS } from './probe-words';

/**
 * The broker-log subscription (`amq.rabbitmq.log`): one line (`compact`:
 * its state, the message on hover), or, when the broker has the exchange
 * off, a callout with the two rabbitmq.conf lines that turn it on. It is off
 * by default on every broker, so the callout informs rather than warns:
 * without it causes are inferred, and labelled so.
 */
export function BrokerLogNotice({ brokerLog, compact }: { brokerLog: BrokerLogStatus; compact?: boolean }) {
  const words = BROKER_LOG_WORDS[brokerLog.state];
  if (brokerLog.state === 'not-enabled' && !compact) {
    return (
      <div className="callout callout-neutral" role="status" data-testid="broker-log-not-enabled">
        <p className="strong">Broker log exchange off: causes are inferred</p>
        <p>{brokerLog.message}</p>
        <pre className="command" data-testid="broker-log-config">
          {BROKER_LOG_CONFIG}
        </pre>
      </div>
    );
  }
  return (
    <div className={compact ? 'ee-line ee-line-compact' : 'ee-line'} data-testid="broker-log" data-state={brokerLog.state} title={compact ? brokerLog.message : undefined}>
      <span className="ee-label">Broker log</span>
      <LevelBadge level={words.level}>{words.word}</LevelBadge>
      {compact ? null : <span className="muted">{brokerLog.message}</span>}
    </div>
  );
}
