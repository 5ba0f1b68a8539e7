import type { QueueHealth } from '../../server/contract';
import { LEVEL_ICON } from '../health/level';
import { utilisationView } from './utilisation';

/** Consumer utilisation as the queues table shows it: "blocked on acks" where the figure would read as health. */
export function UtilisationCell({ queue }: { queue: QueueHealth }) {
  const u = utilisationView(queue);
  if (u.kind === 'plain') return <span title={u.title}>{u.text}</span>;
  return (
    <span className="text-warn strong utilisation-flag" title={u.title} data-testid="utilisation" data-kind={u.kind}>
      {LEVEL_ICON.warn} {u.text}
    </span>
  );
}
