import type { ReactNode } from 'react';
import { LEVEL_ICON, type Level } from '../health/level';

/** A status word with a shape in front, so the meaning never rests on colour alone. */
export function LevelBadge({ level, children, title }: { level: Level; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${level}`} title={title}>
      <span className="badge-icon" aria-hidden="true">
        {LEVEL_ICON[level]}
      </span>
      {children}
    </span>
  );
}
