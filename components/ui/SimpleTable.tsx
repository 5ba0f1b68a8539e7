import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  /** `num` right-aligns a numeric column. */
  className?: string;
  title?: string;
}

/** A plain `.table` in its scrolling wrapper: a header row from `columns`, the caller's rows as children. */
export function SimpleTable({ columns, children }: { columns: readonly Column[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={c.className} title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
