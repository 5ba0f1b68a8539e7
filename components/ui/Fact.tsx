import type { ReactNode } from 'react';

/** One labelled value in a `<dl className="facts">` row. */
export function Fact({ label, children, hint, title }: { label: string; children: ReactNode; hint?: ReactNode; title?: string }) {
  return (
    <div className="fact" title={title}>
      <dt>{label}</dt>
      <dd>{children}</dd>
      {hint ? <dd className="fact-hint">{hint}</dd> : null}
    </div>
  );
}
