import type { ReactNode } from 'react';

/** Says what is missing, why, and what will make it appear. */
export function EmptyState({ title, children, compact }: { title: string; children?: ReactNode; compact?: boolean }) {
  return (
    <div className={compact ? 'empty empty-compact' : 'empty'} role="status">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}
