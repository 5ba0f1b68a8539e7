'use client';

import { RANGE_IDS, type RangeId } from '../../server/shared/chart-ranges';
import { RANGE_LABEL } from './chart-range';

/**
 * A segmented control for chart ranges: a radio group, so arrow keys move
 * between ranges and a screen reader announces the one chosen.
 */
export function RangePicker({ value, onChange, label }: { value: RangeId; onChange: (range: RangeId) => void; label: string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid="range-picker" data-range={value}>
      {RANGE_IDS.map((id, i) => {
        const checked = id === value;
        return (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            className={checked ? 'segmented-item segmented-item-on' : 'segmented-item'}
            data-range={id}
            title={`Show the last ${RANGE_LABEL[id]}`}
            onClick={() => onChange(id)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
              if (!step) return;
              e.preventDefault();
              const next = RANGE_IDS[(i + step + RANGE_IDS.length) % RANGE_IDS.length]!;
              onChange(next);
              const group = e.currentTarget.parentElement;
              requestAnimationFrame(() => group?.querySelector<HTMLButtonElement>(`[data-range="${next}"]`)?.focus());
            }}
          >
            {RANGE_LABEL[id]}
          </button>
        );
      })}
    </div>
  );
}
