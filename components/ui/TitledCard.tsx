import type { ReactNode } from 'react';

/**
 * A card whose heading names it for screen readers (aria-labelledby), with
 * anything else that belongs on the heading row (badges, a link, a note) beside
 * the title. Every card on the dashboard starts this way, so it is said once.
 */
export function TitledCard({
  titleId,
  title,
  testId,
  className,
  headClassName = 'card-head card-title-row',
  aside,
  children,
}: {
  titleId: string;
  title: ReactNode;
  testId?: string;
  /** Added after `card`. */
  className?: string;
  headClassName?: string;
  /** Shown on the heading row after the title. */
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={titleId} data-testid={testId}>
      <header className={headClassName}>
        <h2 id={titleId} className="card-title">
          {title}
        </h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
