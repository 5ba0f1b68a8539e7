import type { Alert } from '../../server/contract';
import { SEVERITY_LEVEL, SEVERITY_WORD } from '../alerts/alert-model';
import { LevelBadge } from '../ui/LevelBadge';

/**
 * A queue's firing alerts in its name cell: the most severe one's title (and
 * how many more), each with its measured value in the tooltip. Titles are
 * rabbitpulse's; values may quote the queue's name, rendered as text.
 */
export function QueueAlertBadge({ alerts }: { alerts: readonly Alert[] }) {
  const [worst, ...rest] = alerts;
  if (!worst) return null;
  const title = alerts.map((a) => `${SEVERITY_WORD[a.severity]}: ${a.title} — ${a.value}`).join('\n');
  return (
    <span className="queue-alert-badge" data-testid="queue-alert" data-severity={worst.severity} data-rule={worst.rule}>
      <LevelBadge level={SEVERITY_LEVEL[worst.severity]} title={title}>
        {worst.title}
        {rest.length > 0 ? ` +${rest.length}` : ''}
      </LevelBadge>
    </span>
  );
}
