import type { Alert } from '../../server/contract';
import { SEVERITY_LEVEL, SEVERITY_WORD } from '../alerts/alert-model';
import { LevelBadge } from '../ui/LevelBadge';

/** One line per alert for a tooltip: severity, title, the measured value. Values may quote the queue's name: text only. */
function alertsTitle(alerts: readonly Alert[]): string {
  return alerts.map((a) => `${SEVERITY_WORD[a.severity]}: ${a.title} — ${a.value}`).join('\n');
}

/**
 * A queue's firing alerts in the table's name cell: the most severe one's
 * shape and colour and how many, the titles and values in the tooltip. The
 * titles themselves (up to 30 characters) would leave the name no room in a
 * table that must fit 1440 pixels; the queue's panel shows them in full.
 */
export function QueueAlertMark({ alerts }: { alerts: readonly Alert[] }) {
  const [worst] = alerts;
  if (!worst) return null;
  return (
    <span className="queue-alert-mark" data-testid="queue-alert" data-severity={worst.severity} data-rule={worst.rule}>
      <LevelBadge level={SEVERITY_LEVEL[worst.severity]} title={alertsTitle(alerts)}>
        {alerts.length === 1 ? '1 alert' : `${alerts.length} alerts`}
      </LevelBadge>
    </span>
  );
}

/** The selected queue's firing alerts by title, most severe first, each with its value on hover. */
export function QueueAlertTitles({ alerts }: { alerts: readonly Alert[] }) {
  return alerts.map((a) => (
    <span key={a.id} data-testid="queue-alert-title" data-severity={a.severity}>
      <LevelBadge level={SEVERITY_LEVEL[a.severity]} title={alertsTitle([a])}>
        {a.title}
      </LevelBadge>
    </span>
  ));
}
