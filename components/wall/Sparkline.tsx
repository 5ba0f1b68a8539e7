/**
 * A small line of recent values, scaled to its box. The box sets the size
 * (it stretches to fit, so it never overflows); the stroke keeps its width.
 */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const max = Math.max(1, ...values);
  const n = values.length;
  const points = values.map((v, i) => `${n === 1 ? 50 : (i / (n - 1)) * 100},${30 - (v / max) * 28}`).join(' ');
  return (
    <svg className="wall-sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label={label} data-testid="wall-sparkline" data-points={n}>
      {n > 1 ? (
        <>
          <polygon className="wall-sparkline-area" points={`0,30 ${points} 100,30`} />
          <polyline className="wall-sparkline-line" points={points} vectorEffect="non-scaling-stroke" />
        </>
      ) : null}
    </svg>
  );
}
