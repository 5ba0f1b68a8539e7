import type { NodeHealth } from '../../server/contract';
import { fmtBytes, fmtInt } from '../format';
import type { Level } from '../health/level';
import { LevelBadge } from '../ui/LevelBadge';
import { Truncate } from '../ui/Truncate';

/** File descriptors run out quietly, then new connections fail; warn well before. */
const FD_WARN_RATIO = 0.8;
const FD_CRIT_RATIO = 0.95;

export function NodeList({ nodes }: { nodes: readonly NodeHealth[] }) {
  if (nodes.length === 0) {
    return <p className="muted small">The broker reported no nodes (the monitoring user may lack the tag to see them).</p>;
  }
  return (
    <ul className="node-list">
      {nodes.map((n) => (
        <li key={n.name} className="node">
          <div className="node-head">
            <Truncate text={n.name} className="mono node-name" />
            <span className="node-badges">
              {n.memAlarm ? <LevelBadge level="crit">memory alarm</LevelBadge> : null}
              {n.diskAlarm ? <LevelBadge level="crit">disk alarm</LevelBadge> : null}
              {n.running ? <LevelBadge level="ok">running</LevelBadge> : <LevelBadge level="crit">down</LevelBadge>}
            </span>
          </div>
          <dl className="node-facts">
            <NodeFact label="Memory" alarm={n.memAlarm} used={n.memUsed} total={n.memLimit} text={`${fmtBytes(n.memUsed)} of ${fmtBytes(n.memLimit)} limit`} />
            <NodeFact label="Disk free" alarm={n.diskAlarm} text={`${fmtBytes(n.diskFree)} (limit ${fmtBytes(n.diskFreeLimit)})`} />
            <NodeFact label="File desc." used={n.fdUsed} total={n.fdTotal} text={`${fmtInt(n.fdUsed)} of ${fmtInt(n.fdTotal)}`} />
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** One resource line; its bar and text turn critical when the broker has raised the alarm for it. */
function NodeFact({ label, text, used, total, alarm }: { label: string; text: string; used?: number | null; total?: number | null; alarm?: boolean }) {
  const ratio = used != null && total ? used / total : null;
  const level: Level = alarm ? 'crit' : ratio !== null && ratio >= FD_CRIT_RATIO ? 'crit' : ratio !== null && ratio >= FD_WARN_RATIO ? 'warn' : 'ok';
  return (
    <div className="node-fact">
      <dt>{label}</dt>
      <dd>
        {ratio !== null ? (
          <span className={`mini-bar mini-bar-${level}`} aria-hidden="true">
            <span style={{ width: `${Math.min(1, ratio) * 100}%` }} />
          </span>
        ) : null}
        <span className={alarm ? 'node-fact-text text-crit strong' : 'node-fact-text'}>{text}</span>
      </dd>
    </div>
  );
}
