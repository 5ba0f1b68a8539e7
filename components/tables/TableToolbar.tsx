'use client';

import type { ReactNode } from 'react';
import { fmtInt } from '../format';

/** Filter box, extra controls and the "shown of total" count above a table. */
export function TableToolbar({
  filter,
  onFilterChange,
  placeholder,
  shown,
  total,
  noun,
  children,
}: {
  filter: string;
  onFilterChange: (value: string) => void;
  placeholder: string;
  shown: number;
  total: number;
  noun: string;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar" role="search">
      <label className="field field-grow">
        <span className="field-label">Filter</span>
        <input
          type="search"
          value={filter}
          placeholder={placeholder}
          onChange={(e) => onFilterChange(e.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      {children}
      <span className="toolbar-count" aria-live="polite">
        {shown === total ? `${fmtInt(total)} ${noun}` : `${fmtInt(shown)} of ${fmtInt(total)} ${noun}`}
      </span>
    </div>
  );
}
