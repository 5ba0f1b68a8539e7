import type { ReactNode } from 'react';

/** A labelled number in a stats grid; `level` tints the value when it matters. */
export function Stat({
  label,
  value,
  hint,
  level,
  title,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  level?: 'warn' | 'crit';
  title?: string;
}) {
  return (
    <div className="stat" title={title}>
      <div className="stat-label">{label}</div>
      <div className={level ? `stat-value text-${level}` : 'stat-value'}>{value}</div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  );
}
