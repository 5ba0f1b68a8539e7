'use client';

import type { TargetState } from '../../server/contract';

export const ALL_TARGETS = '';

export function TargetSelect({
  targets,
  value,
  onChange,
}: {
  targets: Pick<TargetState, 'id' | 'displayName'>[];
  value: string;
  onChange: (targetId: string) => void;
}) {
  return (
    <label className="field">
      <span className="field-label">Target</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={ALL_TARGETS}>All targets</option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.displayName}
          </option>
        ))}
      </select>
    </label>
  );
}
