import type { ConnectionRisk } from '../health/connection-risk';
import { LevelBadge } from '../ui/LevelBadge';

/** The connections table's risk cell: the worst reason in a word (and how many more), every reason in the tooltip. */
export function RiskCell({ risk }: { risk: ConnectionRisk }) {
  if (risk.level === 'neutral') {
    return (
      <span className="muted" title="One of rabbitpulse's own connections: not judged as an application's">
        —
      </span>
    );
  }
  const [worst, ...rest] = risk.reasons;
  if (!worst) return <span className="muted">ok</span>;
  return (
    <LevelBadge level={worst.level} title={risk.reasons.map((r) => r.detail).join('\n')}>
      {worst.short}
      {rest.length > 0 ? ` +${rest.length}` : ''}
    </LevelBadge>
  );
}
