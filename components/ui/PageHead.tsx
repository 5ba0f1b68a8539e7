import type { ReactNode } from 'react';

/** A page's heading: its title and one paragraph on what the page answers. */
export function PageHead({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="page-head">
      <h1 className="page-title">{title}</h1>
      <p className="page-sub">{children}</p>
    </div>
  );
}
